import { runRetentionPurge } from '../retention/run';
import { catalogueFrom, STORAGE_OPTIONS, UsageError, withStore, type Command } from './options';

/**
 * `npm run platform -- purge-retention (--db FILE | --pg URL) [--dry-run] [--now ISO]`
 * One retention purge now (what the server does daily at NIN1_RETENTION_AT); `--dry-run` only counts,
 * `--now` purges as of another moment (a test, or catching up). Prints `{"checked":…,"purged":…,"byItem":{…}}`.
 */
export const purgeRetentionCommand: Command = {
  name: 'purge-retention',
  usage: 'purge-retention (--db FILE | --pg URL) [--dry-run] [--now ISO]',
  options: { ...STORAGE_OPTIONS, 'dry-run': { type: 'boolean' }, now: { type: 'string' } },
  async run(v) {
    const nowArg = v.now as string | undefined;
    const now = nowArg === undefined ? new Date() : new Date(nowArg);
    if (Number.isNaN(now.getTime()) || (nowArg !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(nowArg))) throw new UsageError(`--now 須為 ISO 日期時間，收到「${nowArg ?? ''}」`);
    const catalogue = catalogueFrom(v);
    const r = await withStore(v, (store) => runRetentionPurge({ store, catalogue, now, dryRun: v['dry-run'] === true }));
    console.log(JSON.stringify({ checked: r.checked, purged: r.purged, byItem: r.byItem, ...(v['dry-run'] === true ? { dryRun: true } : {}) }));
    return 0;
  },
};
