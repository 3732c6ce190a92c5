import { createCounterApp } from '../../services/app';
import { silentLogger } from '../../services/logging/logger';
import { pendingCount } from '../../services/sync/outbox';
import { need, UsageError, type Command } from '../command';

/**
 * `sync --db FILE [--platform URL]`: drain the outbox once and pull status changes, then print
 * one JSON line `{ "sent", "delivered", "failed", "remaining" }` (stable surface). A platform that
 * is down is not a failure of this command: exit 0, nothing sent, the reason in zh-TW on stderr.
 */
export const syncCommand: Command = {
  name: 'sync',
  usage: 'sync       --db 檔案 [--platform 網址] [--timeout 毫秒]   送出待送佇列一次並拉回狀態，輸出 JSON 摘要',
  options: { db: { type: 'string' }, platform: { type: 'string' }, timeout: { type: 'string' } },
  run: async (values) => {
    const dbFile = need(values, 'db');
    const url = typeof values.platform === 'string' ? values.platform : undefined;
    const timeout = typeof values.timeout === 'string' ? Number(values.timeout) : 15_000;
    if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout 須為正整數（毫秒）：「${String(values.timeout)}」`);
    const app = createCounterApp({
      dbFile,
      shell: 'cli',
      logger: silentLogger(),
      sync: { ...(url ? { platformUrl: url } : {}), sync: { requestTimeoutMs: timeout, push: false } },
    });
    try {
      const engine = app.sync.engine();
      if (!engine) {
        console.log(JSON.stringify({ sent: 0, delivered: 0, failed: 0, remaining: pendingCount(app.ctx.db) }));
        console.error('本工作站尚未向平台註冊，未送出任何通報。請先執行：npm run counter -- enroll --db 檔案 --platform 網址 --code 註冊碼');
        return 0;
      }
      // An explicit run by IT: ignore backoff waits left by earlier failures.
      const report = await engine.syncOnce('cli', { force: true });
      console.log(JSON.stringify({ sent: report.sent, delivered: report.delivered, failed: report.failed, remaining: report.remaining }));
      if (report.error) console.error(`同步未完成（${report.error.code}）：${report.error.message}`);
      return 0;
    } finally {
      await app.sync.stop();
      app.close();
    }
  },
};
