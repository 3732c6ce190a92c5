import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * Where `resources/` lives: next to the sources in development, beside the asar in a packaged
 * build (the Electron main sets NIN1_RESOURCES_DIR to process.resourcesPath/resources).
 */
export function resourcesDir(): string {
  return process.env.NIN1_RESOURCES_DIR ?? fileURLToPath(new URL('../../resources/', import.meta.url));
}

export const resourcePath = (...parts: string[]): string => join(resourcesDir(), ...parts);
