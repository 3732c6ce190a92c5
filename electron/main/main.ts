import { app, BrowserWindow, ipcMain, Menu, safeStorage } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scheduleBackups } from '../services/backup/schedule';
import { ensurePrivateDir } from '../services/db/privateFiles';
import { installSecretBox, safeStorageBox } from '../services/sync/secretBox';
import { chooseKeyStore } from '../services/signing/keyStore';
import { runCounter, type RunningCounter } from '../host/runCounter';
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

let counter: RunningCounter | null = null;

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const logDir = join(dataDir, 'logs');
  ensurePrivateDir(logDir); // 0700: logs name cases and workstations (issue 13, finding 4)
  // ELECTRON PATH (untested here, no Electron binary): the platform token is sealed with the OS key store.
  installSecretBox(safeStorageBox(safeStorage));
  const logger = createLogger({ dir: logDir });
  hardenSessions(logger);
  const dbFile = join(dataDir, 'counter.sqlite');
  // A bad policy or a corrupt database starts the admin error screen instead of the app (boot.ts).
  // Demo data, devices, sync (the enrolled platform, or for the demo a local one beside the
  // database) and scan recovery start in runCounter, the same as in the browser host.
  counter = runCounter({
    dbFile,
    userSettingsFile: join(dataDir, 'settings.json'),
    shell: 'electron',
    logger,
    logDir,
    version: app.getVersion(),
    sync: { counterDb: dbFile, logger, none: false, started: { demo: null } },
    devices: { hid: 'node-hid' },
    // Issue 15 §1: signing keys on the PKCS#11 token the workstation config names (runCounter), else
    // sealed by the OS key store, else (no keyring, e.g. Linux without one) a 0600 file.
    keyStore: chooseKeyStore(safeStorage),
    services: (engine, { config }) => [
      ...(config.backup ? [scheduleBackups({ db: engine.ctx.db, policy: config.backup, clock: engine.ctx.clock, logger, appVersion: app.getVersion() }).stop /* scanned files: <db>.files, db/paths.ts */] : []),
      startUpdater({
        policy: config.update,
        officeCode: config.officeCode,
        workstationId: config.workstationId,
        currentVersion: app.getVersion(),
        stateFile: join(dataDir, 'update-state.json'),
        caseOpen: () => engine.ctx.activity?.caseOpen() ?? false,
        // Installing quits the app: the database is closed cleanly first, like any other quit.
        beforeInstall: () => counter?.shutdown() ?? Promise.resolve(),
        logger,
      }),
    ],
  });
  void loadFormFont().catch((e: unknown) => logger.error({ err: e }, 'form font failed to load'));

  ipcMain.handle('nin1:invoke', (event, req: { method: string; input: unknown; session: string | null }) => {
    // Only our own renderer may call the services.
    if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: { code: 'IPC_REJECTED', message: '拒絕的呼叫來源' } };
    return counter!.booted.call(req.method, req.input, req.session);
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
// Every way out (last window closed, OS logout, update install) goes through the one awaited
// shutdown; quitting is held until the database is closed.
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !counter) return;
  event.preventDefault();
  quitting = true;
  void counter.shutdown().finally(() => app.quit());
});
app.on('window-all-closed', () => app.quit());
