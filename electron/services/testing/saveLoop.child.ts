// Child process for fault and concurrency tests: saves cases in a loop on a real SQLite file,
// printing one line per committed case, until killed or `--count` is reached.
import { createUser, ensureOffice } from '../auth/users';
import { createCase } from '../cases/createCase';
import { systemClock } from '../clock';
import type { Actor } from '../context';
import { makeContext, moveDraft } from './fixtures';

const [file, countArg, username] = process.argv.slice(2);
const ctx = makeContext(file!, systemClock);
const name = username ?? 'clerk';
let userId = ctx.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(name) as number | undefined;
if (userId === undefined) {
  ctx.db.transaction(() => {
    ensureOffice(ctx.db, ctx.config.officeCode, ctx.config.officeName);
    userId = createUser(ctx.db, { username: name, displayName: '測試', role: 'counter_clerk', officeCode: ctx.config.officeCode, password: 'x' }, new Date().toISOString());
  }).immediate();
}
const actor: Actor = { user: { id: userId!, username: name, displayName: '測試', role: 'counter_clerk', officeCode: ctx.config.officeCode }, workstation: 'T', ip: null };
const limit = countArg ? Number(countArg) : Infinity;
for (let i = 0; i < limit; i++) {
  const { caseNo } = createCase(ctx, actor, moveDraft());
  process.stdout.write(`saved ${caseNo}\n`);
}
ctx.db.close();
