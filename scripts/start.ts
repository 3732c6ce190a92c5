import { spawn, spawnSync } from 'node:child_process';
import { ensureRendererBuilt } from '../electron/host/rendererBuild';
import { runHost } from '../electron/host/runHost';
import { electronBinary } from './electronBinary';

/**
 * `npm start`: the desktop app in Electron when its binary is installed; otherwise the same
 * renderer and services through the browser host on 127.0.0.1 (the Electron binary cannot be
 * downloaded on every machine), with the demo office and a few hundred past cases.
 */
async function main(): Promise<void> {
  await ensureRendererBuilt(true);
  const exe = electronBinary();
  if (exe) {
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-electron.ts'], { stdio: 'inherit' });
    const child = spawn(exe, ['.'], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log('找不到 Electron 執行檔（本機無法下載），改以瀏覽器模式啟動：同一套畫面與服務，只在本機 127.0.0.1 提供。');
  console.log('Electron binary not installed here; starting the browser host instead (same renderer, same services, loopback only).');
  const host = await runHost(['--db', process.env.NIN1_DB ?? '.data/demo.sqlite', '--port', process.env.PORT ?? '0']);
  console.log(`\n請以瀏覽器開啟 / open: ${host.url}`);
  console.log('示範帳號 clerk、supervisor（密碼 demo1234）。按 Ctrl+C 結束。');
  if (host.demoPlatform) {
    console.log(`縣市平台（示範）：${host.demoPlatform.url}，資料檔 ${host.demoPlatform.file}`);
    console.log('接收機關帳號 tax（稅捐）、land（地政）、motor（監理）、social（社政），密碼 demo1234：登入即見收件匣。');
  }
  openBrowser(host.openUrl()); // a one-use code, not the token: the opener's command line shows in `ps`
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Best effort: a desktop session gets a browser window; a headless one just has the printed URL. */
function openBrowser(url: string): void {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') return;
  const opener = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

main().catch((e: unknown) => {
  console.error(`無法啟動：${(e as Error).message}`);
  process.exit(1);
});
