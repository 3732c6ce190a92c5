import type { WebPreferences } from 'electron';

/**
 * The one set of webPreferences every window gets (DESIGN.md §8): the page runs sandboxed with its
 * own JavaScript world and no Node; the preload's bridge is its only way out. A constant plus a
 * function (not inline in main.ts) so a unit test can assert it without starting Electron.
 */
export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences;

export const webPreferences = (preload: string): WebPreferences => ({ ...HARDENED_WEB_PREFERENCES, preload });
