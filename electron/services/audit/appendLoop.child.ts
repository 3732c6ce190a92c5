// Child process for the concurrent-writers test: appends `count` audit rows to a real SQLite file,
// one committed append at a time, as a second app process or the CLI would next to the counter.
import { openDatabase } from '../db/open';
import { appendAudit } from './audit';

const [file, countArg, actor] = process.argv.slice(2);
const db = openDatabase(file!);
const count = Number(countArg);
for (let i = 0; i < count; i++) {
  appendAudit(db, { at: new Date().toISOString(), actorId: null, actor: actor!, action: 'case.view', detail: { i }, workstation: actor!, ip: null });
}
db.close();
process.stdout.write(`appended ${count}\n`);
