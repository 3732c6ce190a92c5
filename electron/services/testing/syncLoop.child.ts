// Child process for sync fault tests: the counter's sync engine running its loop on a real SQLite
// file against a real platform, printing `acked <done>` after every change, until killed — or, with
// `--until-empty`, until the outbox is empty (then `empty` and exit 0).
import { systemClock } from '../clock';
import { createPlatformClient } from '../platform-client/client';
import { workstationCredential } from '../sync/credentials';
import { createSyncEngine } from '../sync/engine';
import { makeContext } from './fixtures';

const [file, batch, mode] = process.argv.slice(2);
const ctx = makeContext(file!, systemClock);
const credential = workstationCredential(ctx.db);
if (!credential) throw new Error('not enrolled');
const client = createPlatformClient({ baseUrl: credential.url, token: credential.token, timeoutMs: 5000 });
const engine = createSyncEngine({
  db: ctx.db,
  client,
  clock: systemClock,
  logger: ctx.logger,
  identity: { officeCode: ctx.config.officeCode, workstationId: ctx.config.workstationId, agencyCode: ctx.config.agencyCode },
  options: { batchSize: Number(batch ?? 100), tickMs: 20, pollMs: 200, backoff: { baseMs: 100, maxMs: 1000, random: Math.random } },
});
const done = ctx.db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'done'").pluck();
engine.onChange(() => {
  const s = engine.status();
  process.stdout.write(`acked ${done.get() as number} queued ${s.queued}\n`);
  if (mode === '--until-empty' && s.queued === 0 && !s.draining) {
    process.stdout.write('empty\n');
    void engine.stop().then(() => {
      ctx.db.close();
      process.exit(0);
    });
  }
});
engine.start();
