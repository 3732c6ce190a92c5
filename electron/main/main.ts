import { app, BrowserWindow, ipcMain, Menu } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCounterApp, type CounterApp } from '../services/app';
import { ensureDemoData } from '../services/demo/ensureDemo';
import { createLogger } from '../services/logging/logger';
import { loadFormFont } from '../services/pdf/font';
import { hardenSessions } from './hardening';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol';

// The Electron shell is deliberately thin (Actual's desktop-electron): start the engine, open one
// hardened window, relay contract calls. Everything else lives in electron/services.
const here = fileURLToPath(new URL('.', import.meta.url));
const appRoot = app.getAppPath();
process.env.NIN1_RESOURCES_DIR ??= app.isPackaged ? join(process.resourcesPath, 'resources') : join(appRoot, 'resources');

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let engine: CounterApp | null = null;

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const logger = createLogger({ file: join(dataDir, 'logs', 'main.log') });
  hardenSessions(logger);
  engine = createCounterApp({ dbFile: join(dataDir, 'counter.sqlite'), shell: 'electron', demo: true, logger, version: app.getVersion() });
  ensureDemoData(engine.ctx);
  void loadFormFont().catch((e: unknown) => logger.error({ err: e }, 'form font failed to load'));

  ipcMain.handle('nin1:invoke', (event, req: { method: string; input: unknown; session: string | null }) => {
    // Only our own renderer may call the services.
    if (!event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`)) return { ok: false, error: { code: 'IPC_REJECTED', message: '拒絕的呼叫來源' } };
    return engine!.call(req.method, req.input, req.session);
  });

  serveRenderer(join(appRoot, 'dist', 'renderer'));
  Menu.setApplicationMenu(null);
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'N合一臨櫃',
    show: false,
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(start, (e: unknown) => {
  console.error(e);
  app.exit(1);
});
app.on('window-all-closed', () => {
  engine?.close();
  app.quit();
});
