import { app, BrowserWindow, ipcMain, Menu } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scheduleBackups } from '../services/backup/schedule';
import { bootCounter, type BootedCounter } from '../services/boot/boot';
import { ensureDemoData } from '../services/demo/ensureDemo';
import { connectSync, type SyncHostOptions } from '../host/syncHost';
import { createLogger } from '../services/logging/logger';
import { loadFormFont } from '../services/pdf/font';
import { isTrustedSender } from './guards';
import { hardenSessions } from './hardening';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol';
import { startUpdater } from './updater';
import { webPreferences } from './webPreferences';

// The Electron shell is deliberately thin (Actual's desktop-electron): start the engine, open one
// hardened window, relay contract calls. Everything else lives in electron/services.
const here = fileURLToPath(new URL('.', import.meta.url));
const appRoot = app.getAppPath();
process.env.NIN1_RESOURCES_DIR ??= app.isPackaged ? join(process.resourcesPath, 'resources') : join(appRoot, 'resources');

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let engine: BootedCounter | null = null;
const stops: (() => void)[] = [];

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logger = createLogger({ dir: logDir });
  hardenSessions(logger);
  const dbFile = join(dataDir, 'counter.sqlite');
  const sync: SyncHostOptions = { counterDb: dbFile, logger, none: false, started: { demo: null } };
  // A bad policy or a corrupt database starts the admin error screen instead of the app (boot.ts).
  engine = bootCounter({
    dbFile,
    userSettingsFile: join(dataDir, 'settings.json'),
    shell: 'electron',
    logger,
    logDir,
    version: app.getVersion(),
    onStarted: (counter, ws) => {
      if (!ws.policy.present) ensureDemoData(counter.ctx);
      // The outbox sync: the enrolled platform, or for the demo a local one beside the database.
      void connectSync(counter, ws, sync);
      stops.push(() => void counter.sync.stop());
      counter.devices.start({ hid: 'node-hid' });
      const { config } = ws;
      if (config.backup) {
        const schedule = scheduleBackups({ db: counter.ctx.db, policy: config.backup, clock: counter.ctx.clock, logger, appVersion: app.getVersion(), attachmentsDir: join(dataDir, 'attachments') });
        stops.push(schedule.stop);
      }
      stops.push(
        startUpdater({
          policy: config.update,
          officeCode: config.officeCode,
          workstationId: config.workstationId,
          currentVersion: app.getVersion(),
          stateFile: join(dataDir, 'update-state.json'),
          caseOpen: () => counter.ctx.activity?.caseOpen() ?? false,
          logger,
        }),
      );
    },
  });
  void loadFormFont().catch((e: unknown) => logger.error({ err: e }, 'form font failed to load'));

  ipcMain.handle('nin1:invoke', (event, req: { method: string; input: unknown; session: string | null }) => {
    // Only our own renderer may call the services.
    if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: { code: 'IPC_REJECTED', message: '拒絕的呼叫來源' } };
    return engine!.call(req.method, req.input, req.session);
  });

  serveRenderer(join(appRoot, 'dist', 'renderer'));
  Menu.setApplicationMenu(null);
  const win = new BrowserWindow({ width: 1280, height: 860, title: 'N合一臨櫃', show: false, webPreferences: webPreferences(join(here, 'preload.cjs')) });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(start, (e: unknown) => {
  console.error(e);
  app.exit(1);
});
app.on('window-all-closed', () => {
  for (const stop of stops) stop();
  engine?.close();
  app.quit();
});
