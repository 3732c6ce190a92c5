import { app, session, type WebContents } from 'electron';
import type { Logger } from '../services/logging/logger';
import { navigationGuard, permissionCheckGuard, permissionRequestGuard, webviewGuard, windowOpenGuard } from './guards';

/**
 * Deny by default (Signal-Desktop): no permission prompts (camera, geolocation…), no navigation
 * away from our origin, no new windows, no <webview>. Each refusal leaves a log line for IT. The
 * decisions themselves live in guards.ts (unit-tested); this file only attaches them.
 */
export function hardenSessions(logger: Logger): void {
  session.defaultSession.setPermissionRequestHandler(permissionRequestGuard(logger));
  session.defaultSession.setPermissionCheckHandler(permissionCheckGuard);
  session.defaultSession.setDevicePermissionHandler(permissionCheckGuard);
  const guardNavigation = navigationGuard(logger);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => guardNavigation(event, url));
    contents.on('will-redirect', (event, url) => guardNavigation(event, url));
    contents.setWindowOpenHandler(windowOpenGuard(logger));
    contents.on('will-attach-webview', webviewGuard);
  });
}
