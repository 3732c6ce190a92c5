import { runRetention } from '../../services/retention/run';
import { cliActor } from '../../services/accounts/actor';
import { need, UsageError, withApp, type Command } from '../command';

/**
 * `purge-retention --db FILE [--dry-run] [--now ISO]`: strips closed cases past their catalogue
 * retention period of personal data (the app also does this daily). Prints JSON
 * {checked, purged, skipped, dryRun, runId, caseNos}; a dry run changes nothing.
 */
export const purgeRetentionCommand: Command = {
  name: 'purge-retention',
  usage: 'purge-retention --db 檔案 [--dry-run] [--now ISO時間]    刪除逾保存年限之已結案案件個人資料（統計保留）',
  options: { db: { type: 'string' }, 'dry-run': { type: 'boolean' }, now: { type: 'string' } },
  run: (values) => {
    need(values, 'db');
    let now: Date | undefined;
    if (typeof values.now === 'string') {
      now = new Date(values.now);
      if (Number.isNaN(now.getTime())) throw new UsageError(`--now 不是有效的時間：「${values.now}」`);
    }
    return withApp(values, async (app) => {
      const report = await runRetention(app.ctx, { ...(now ? { now } : {}), dryRun: values['dry-run'] === true, actor: cliActor(app.ctx.config.workstationId).username });
      console.log(JSON.stringify(report));
      return 0;
    });
  },
};
