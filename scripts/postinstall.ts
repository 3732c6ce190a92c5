import { spawnSync } from 'node:child_process';
import { electronBinary } from './electronBinary';

/**
 * `postinstall`: rebuild native modules (better-sqlite3, node-hid, pkcs11js, sharp) for Electron's
 * ABI with `electron-builder install-app-deps` — but only where the Electron binary is installed
 * (a packaging or Electron development machine). Elsewhere (our dev machines, CI) the modules stay
 * built for Node, which the tests and the browser host need. NIN1_SKIP_APP_DEPS=1 skips it too.
 * After it ran, Node-side tests need `npm rebuild better-sqlite3` to get the Node build back.
 */
if (process.env.NIN1_SKIP_APP_DEPS === '1') {
  console.log('postinstall: NIN1_SKIP_APP_DEPS=1, native modules left as built for Node');
} else if (!electronBinary()) {
  console.log('postinstall: no Electron binary here; native modules stay built for Node (browser host, tests)');
} else {
  const r = spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
