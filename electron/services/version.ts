import { readFileSync } from 'node:fs';

/** The app's version from package.json (Electron passes app.getVersion() instead; the same number). */
export const appVersion = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
};
