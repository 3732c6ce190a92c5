import { dirname, join } from 'node:path';
import { createLogger } from '../services/logging/logger';

/**
 * Where the browser host logs. A person at a terminal (`npm start`, `npm run host`) saw ~300 JSON
 * lines before the URL (issue 13, new user): there the JSON log goes to `<db folder>/logs/`, the
 * rotating files IT collects, and the terminal gets one line naming that folder. Piped or under a
 * supervisor (tests, CI, systemd) stderr stays the JSON stream, as before.
 */
export function hostLogger(dbFile: string, terminal = process.stderr.isTTY === true, say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)) {
  if (!terminal) return { logger: createLogger(), logDir: null };
  const logDir = join(dirname(dbFile), 'logs');
  say(`N合一臨櫃：啟動中…（記錄檔 / log files: ${logDir}）`);
  return { logger: createLogger({ dir: logDir }), logDir };
}
