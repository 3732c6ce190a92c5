import { app, session, type WebContents } from 'electron';
import type { Logger } from '../services/logging/logger';
import { APP_ORIGIN } from './protocol';

/**
 * Deny by default (Signal-Desktop): no permission prompts (camera, geolocation…), no navigation
 * away from our origin, no new windows. Each refusal leaves a log line for IT.
 */
export function hardenSessions(logger: Logger): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => {
    logger.warn({ permission }, 'permission request denied');
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) {
        logger.warn({ url }, 'navigation blocked');
        event.preventDefault();
      }
    });
    contents.setWindowOpenHandler(({ url }) => {
      logger.warn({ url }, 'window.open blocked');
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
