import { demoWorkstationCode } from '../../../platform/demo';
import type { CounterApp } from '../../services/app';
import { platformUrlProblem } from '../../services/platform-client/secureUrl';
import { pendingCount } from '../../services/sync/outbox';
import { enroll } from '../../services/sync/enroll';
import { need, UsageError, withApp, type Command } from '../command';

/**
 * `sync --db FILE [--platform URL]`: drain the outbox once and pull status changes, then print one
 * JSON line `{ "sent", "delivered", "failed", "remaining" }` (stable surface). A platform that is
 * down is not a failure of this command: exit 0, nothing sent, the reason in zh-TW on stderr.
 */
export const syncCommand: Command = {
  name: 'sync',
  usage: 'sync       --db 檔案 [--platform 網址] [--timeout 毫秒]   送出待送佇列一次並拉回狀態，輸出 JSON 摘要',
  options: { db: { type: 'string' }, platform: { type: 'string' }, timeout: { type: 'string' } },
  run: async (values) => {
    need(values, 'db');
    const url = typeof values.platform === 'string' ? values.platform : undefined;
    const problem = url === undefined ? null : platformUrlProblem(url);
    if (problem) throw new UsageError(problem.message);
    const timeout = typeof values.timeout === 'string' ? Number(values.timeout) : 15_000;
    if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout 須為正整數（毫秒）：「${String(values.timeout)}」`);
    const summary = (app: CounterApp, r: { sent: number; delivered: number; failed: number }) =>
      console.log(JSON.stringify({ sent: r.sent, delivered: r.delivered, failed: r.failed, remaining: pendingCount(app.ctx.db) }));
    return withApp(
      values,
      async (app) => {
        try {
          if (!app.sync.engine() && url && !app.ctx.policy?.present) await enrollDemo(app, url);
          const engine = app.sync.engine();
          if (!engine) {
            summary(app, { sent: 0, delivered: 0, failed: 0 });
            console.error('本工作站尚未向平台註冊，未送出任何通報。請先執行：npm run counter -- enroll --db 檔案 --platform 網址 --code 註冊碼');
            return 0;
          }
          // An explicit run by IT: ignore backoff waits left by earlier failures.
          const report = await engine.syncOnce('cli', { force: true });
          summary(app, report);
          if (report.error) console.error(`同步未完成（${report.error.code}）：${report.error.message}`);
          return 0;
        } finally {
          await app.sync.stop();
        }
      },
      { sync: { ...(url ? { platformUrl: url } : {}), sync: { requestTimeoutMs: timeout, push: false } } },
    );
  },
};

/**
 * A demo workstation (no machine policy) that was never enrolled tries the platform's well-known
 * demo code once (`npm run platform -- --demo`); a real platform has no such code and says no.
 */
async function enrollDemo(app: CounterApp, url: string): Promise<void> {
  const { config, db, clock } = app.ctx;
  try {
    const caFile = config.platform?.caFile;
    await enroll(db, { url, code: demoWorkstationCode(config.workstationId), target: { kind: 'workstation', officeCode: config.officeCode, workstationId: config.workstationId }, clock, demo: true, ...(caFile ? { caFile } : {}) });
    console.error(`本工作站尚未註冊：已以示範註冊碼向 ${url} 註冊。`);
    await app.sync.reload();
  } catch (e) {
    // Not a demo platform, or down: the caller then reports "not enrolled".
    console.error(`未能以示範註冊碼註冊：${(e as Error).message}`);
  }
}
