import type { Logger } from '../services/logging/logger';

/**
 * The deny-by-default decisions of the Electron shell as plain functions (no Electron import), so
 * unit tests can call them with fake events. hardening.ts only attaches them.
 */
export const APP_HOST = 'renderer';

/** Our renderer's origin only: `app://renderer/…` (a look-alike host such as `app://renderer.evil` is not). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === APP_HOST;
  } catch {
    return false;
  }
}

type Preventable = { preventDefault(): void };

/** will-navigate / will-redirect / will-frame-navigate: stay inside the app, never load a web page. */
export const navigationGuard =
  (logger: Logger) =>
  (event: Preventable, url: string): void => {
    if (isAppUrl(url)) return;
    logger.warn({ url: url.slice(0, 200) }, 'navigation blocked');
    event.preventDefault();
  };

/** window.open and target=_blank: never a new window (and no handing the URL to a browser either). */
export const windowOpenGuard =
  (logger: Logger) =>
  ({ url }: { url: string }): { action: 'deny' } => {
    logger.warn({ url: url.slice(0, 200) }, 'window.open blocked');
    return { action: 'deny' };
  };

/** Camera, microphone, geolocation, notifications, USB/HID from the page… all refused, with a log line. */
export const permissionRequestGuard =
  (logger: Logger) =>
  (_webContents: unknown, permission: string, callback: (granted: boolean) => void): void => {
    logger.warn({ permission }, 'permission request denied');
    callback(false);
  };

export const permissionCheckGuard = (): boolean => false;

/** <webview> would be a second, unhardened browser inside the window. */
export const webviewGuard = (event: Preventable): void => event.preventDefault();

/** IPC is answered only for frames of our own renderer. */
export const isTrustedSender = (frameUrl: string | undefined | null): boolean => typeof frameUrl === 'string' && isAppUrl(frameUrl);
