import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the app's bundled, read-only resources (fonts, form templates) live.
 *
 * Resolution order:
 *   1. an explicit `resourcesDir` passed to {@link resolveResource};
 *   2. the directory set with {@link setResourcesDir} (the packaged Electron main process calls it
 *      with a `process.resourcesPath`-based path at start-up);
 *   3. the `NIN1_RESOURCES_DIR` environment variable;
 *   4. `<repo>/resources/` found relative to this source file (dev, tests, CLI via tsx).
 */
let configuredDir: string | undefined;

export const setResourcesDir = (dir: string | undefined): void => {
  configuredDir = dir === undefined ? undefined : path.resolve(dir);
};

const repoResourcesDir = (): string => {
  try {
    // electron/services/pdf/resources.ts -> <repo>/resources/
    return path.resolve(fileURLToPath(new URL('../../../resources/', import.meta.url)));
  } catch {
    // Bundled to CommonJS without import.meta.url: fall back to the working directory.
    return path.resolve(process.cwd(), 'resources');
  }
};

export const resourcesDir = (override?: string): string => {
  if (override) return path.resolve(override);
  if (configuredDir) return configuredDir;
  const env = process.env.NIN1_RESOURCES_DIR;
  if (env) return path.resolve(env);
  return repoResourcesDir();
};

/** Absolute path of a resource given relative to the resources directory, e.g. `fonts/x.otf`. */
export const resolveResource = (relativePath: string, opts: { resourcesDir?: string } = {}): string => {
  if (path.isAbsolute(relativePath)) throw new Error(`resource path must be relative: ${relativePath}`);
  return path.join(resourcesDir(opts.resourcesDir), ...relativePath.split('/'));
};
