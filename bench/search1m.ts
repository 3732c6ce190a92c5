import { searchCases } from '../electron/services/cases/queries';
import { randomName, randomNationalId } from '../electron/services/demo/people';
import { seededRandom } from '../electron/services/demo/random';
import { makeContext, seedClerk, tempDir } from '../electron/services/testing/fixtures';
import { entry, percentile, timeRuns, type BenchEntry } from './stats';

const CASES = 1_000_000;
const QUERIES = 300;

/**
 * search-1m: the counter's one search box over 1,000,000 generated cases (each its own person),
 * by full ID number, by case number and by name prefix, through the real `searchCases` (which also
 * writes its audit row). Baseline: a primary-key lookup of one case row in the same database.
 */
export function benchSearch1m(log: (s: string) => void): BenchEntry[] {
  const tmp = tempDir('nin1-bench-1m-');
  try {
    const ctx = makeContext(tmp.file('1m.sqlite'));
    const actor = seedClerk(ctx);
    const rand = seededRandom(115);
    const ids: string[] = [];
    const caseNos: string[] = [];
    const t0 = Date.now();
    // Generation only: speed over durability for this throwaway file.
    ctx.db.pragma('synchronous = OFF');
    const kase = ctx.db.prepare("INSERT INTO cases (case_no, office_code, life_event, event_fields, status, clerk_id, catalogue_version, form_version, created_at, local_date) VALUES (?, 'FS01', 'move', json_object('moveDate', ?), 'submitted', ?, 'v', 'f', ?, ?)");
    const person = ctx.db.prepare("INSERT INTO participants (case_id, role, seq, person_id, id_kind, name, birth_date, address) VALUES (?, 'applicant', 0, ?, 'national', ?, '1980-01-01', '高雄市鳳山區光復路二段132號')");
    const used = new Set<string>();
    const batch = ctx.db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        let id = randomNationalId(rand);
        while (used.has(id)) id = randomNationalId(rand); // each case its own person (rare duplicate ID)
        used.add(id);
        const name = randomName(rand);
        const day = new Date(Date.UTC(2016, 0, 1) + Math.floor(i / 300) * 86_400_000).toISOString().slice(0, 10);
        const roc = `${Number(day.slice(0, 4)) - 1911}${day.slice(5, 7)}${day.slice(8, 10)}`;
        const caseNo = `FS01-${roc}-${String((i % 300) + 1).padStart(4, '0')}`;
        person.run(kase.run(caseNo, day, actor.user.id, `${day}T02:00:00.000Z`, day).lastInsertRowid, id, name);
        if (i % 3331 === 0) {
          ids.push(id);
          caseNos.push(caseNo);
        }
      }
    });
    for (let from = 0; from < CASES; from += 50_000) batch(from, Math.min(CASES, from + 50_000));
    ctx.db.pragma('synchronous = FULL');
    ctx.db.pragma('optimize');
    log(`  generated ${CASES.toLocaleString()} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const prefixes = ['王', '陳怡', '林志', '黃', '張家', '李'];
    const byId = timeRuns(QUERIES, (i) => searchCases(ctx, actor, ids[Math.abs(i) % ids.length]!));
    const byCaseNo = timeRuns(QUERIES, (i) => searchCases(ctx, actor, caseNos[Math.abs(i) % caseNos.length]!));
    const byName = timeRuns(QUERIES, (i) => searchCases(ctx, actor, prefixes[Math.abs(i) % prefixes.length]!));
    const pk = ctx.db.prepare('SELECT * FROM cases WHERE id = ?');
    const baseline = percentile(timeRuns(QUERIES, (i) => pk.get(1 + ((Math.abs(i) * 7919) % CASES))), 99);
    const hits = searchCases(ctx, actor, ids[0]!).length;
    if (hits < 1) throw new Error('search by ID found nothing');
    ctx.db.close();
    return [
      entry('search-1m-id-p99', percentile(byId, 99), 'ms', 20, { baseline }),
      entry('search-1m-case-no-p99', percentile(byCaseNo, 99), 'ms', 20, { baseline }),
      entry('search-1m-name-prefix-p99', percentile(byName, 99), 'ms', 20, { baseline }),
    ];
  } finally {
    tmp.cleanup();
  }
}
