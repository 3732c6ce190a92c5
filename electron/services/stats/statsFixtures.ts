// Test data for statistics with answers known in advance: each generated notification is kept as a
// plain record, so a test derives the expected figures with ordinary loops over the records (not
// with the SQL under test). Rows go in through SQL plus real notification_events, so the
// milestone trigger of migration 005 fills delivered_at/received_at/closed_at as in production.
import { createUser, ensureOffice } from '../auth/users';
import type { ServiceContext } from '../context';
import { seededRandom } from '../demo/random';
import { fixturePasswordHash } from '../testing/fixtures';

export type GenRecord = {
  id: string;
  caseKey: number;
  createdMs: number;
  item: string;
  agency: string;
  kind: 'notification' | 'verification';
  office: string;
  clerkId: number;
  /** Seconds after creation / delivery; null = never reached. */
  deliveredAfterS: number | null;
  receivedAfterS: number | null;
  closedAfterS: number | null;
  closeStatus: 'completed' | 'rejected' | null;
  status: string;
  dueMs: number | null;
  answerAfterS: number | null;
  /** The case's life event and the documents it spared (the same on every record of a case). */
  lifeEvent: string;
  documentsSpared: number;
};

/** A case's life event and documents spared, from its key (no draw, so the random sequence of the rest is unchanged). */
export const STATS_LIFE_EVENTS = ['move', 'death', 'birth', 'assistance'] as const;
const caseShape = (key: number): { lifeEvent: string; documentsSpared: number } => ({ lifeEvent: STATS_LIFE_EVENTS[key % 4]!, documentsSpared: key % 4 === 0 ? 0 : key % 7 });

export type GenWorld = { records: GenRecord[]; clerks: { id: number; username: string; name: string }[]; offices: string[] };

const iso = (ms: number): string => new Date(ms).toISOString();

/** Two offices, three clerks (one with a comma and a quote in the name, for CSV quoting). */
export function seedStaff(ctx: ServiceContext): GenWorld['clerks'] {
  ensureOffice(ctx.db, 'FS01', '鳳山區戶政事務所');
  ensureOffice(ctx.db, 'FS02', '大寮區戶政事務所');
  const staff = [
    { username: 'clerk', name: '王怡君', office: 'FS01' },
    { username: 'clerk2', name: '陳"大",文', office: 'FS01' },
    { username: 'clerk3', name: '林志明', office: 'FS02' },
  ];
  return staff.map((s) => ({ id: createUser(ctx.db, { username: s.username, displayName: s.name, role: 'counter_clerk', officeCode: s.office, passwordHash: fixturePasswordHash() }, '2026-01-01T00:00:00.000Z'), username: s.username, name: s.name }));
}

/**
 * `count` notifications, one to four per case, created at random instants in [startMs, endMs),
 * with random lifecycle progress in whole seconds, some deadlines past `nowMs`, and answers for
 * some delivered verifications.
 */
export function generateRecords(ctx: ServiceContext, clerks: GenWorld['clerks'], opts: { seed: number; count: number; startMs: number; endMs: number; nowMs: number; extra?: Partial<GenRecord>[] }): GenRecord[] {
  const rand = seededRandom(opts.seed);
  const int = (n: number): number => Math.floor(rand() * n);
  const items = ctx.catalogue.items;
  const records: GenRecord[] = [];
  let caseKey = 0;
  const make = (base: Partial<GenRecord>, createdMs: number, clerk: GenWorld['clerks'][number], key: number): GenRecord => {
    const item = base.item ? items.find((i) => i.code === base.item)! : items[int(items.length)]!;
    const delivered = base.deliveredAfterS !== undefined ? base.deliveredAfterS : rand() < 0.85 ? 1 + int(600) : null;
    const received = base.receivedAfterS !== undefined ? base.receivedAfterS : delivered !== null && rand() < 0.7 ? 60 + int(86_400 * 3) : null;
    const closed = base.closedAfterS !== undefined ? base.closedAfterS : received !== null && rand() < 0.7 ? (received ?? 0) + int(86_400 * 10) : null;
    const closeStatus = closed === null ? null : (base.closeStatus ?? (rand() < 0.15 ? 'rejected' : 'completed'));
    const status = closeStatus ?? (received !== null ? 'received' : delivered !== null ? 'delivered' : pickOpen(rand));
    const dueMs = base.dueMs !== undefined ? base.dueMs : delivered !== null ? createdMs + (1 + int(20)) * 86_400_000 : null;
    const answer = base.answerAfterS !== undefined ? base.answerAfterS : item.kind === 'verification' && delivered !== null && rand() < 0.8 ? 30 + int(7_200) : null;
    return {
      id: `00000000-0000-7000-8000-${String(records.length).padStart(12, '0')}`,
      caseKey: key, createdMs, item: item.code, agency: item.receiverAgency, kind: item.kind,
      office: clerk.id === clerks[2]!.id ? 'FS02' : 'FS01', clerkId: clerk.id,
      deliveredAfterS: delivered, receivedAfterS: received, closedAfterS: closed, closeStatus, status, dueMs, answerAfterS: answer,
      ...caseShape(key),
    };
  };
  while (records.length < opts.count) {
    const createdMs = opts.startMs + int(opts.endMs - opts.startMs);
    const clerk = clerks[int(clerks.length)]!;
    caseKey++;
    for (let k = 1 + int(4); k > 0 && records.length < opts.count; k--) records.push(make({}, createdMs, clerk, caseKey));
  }
  for (const e of opts.extra ?? []) {
    caseKey++;
    const clerk = clerks.find((c) => c.id === e.clerkId) ?? clerks[0]!;
    records.push(make(e, e.createdMs!, clerk, caseKey));
  }
  insertRecords(ctx, records);
  return records;
}

const pickOpen = (rand: () => number): string => (['queued', 'sent', 'failed'] as const)[Math.floor(rand() * 3)]!;

function insertRecords(ctx: ServiceContext, records: GenRecord[]): void {
  const db = ctx.db;
  const kase = db.prepare(
    `INSERT INTO cases (id, case_no, office_code, life_event, status, clerk_id, catalogue_version, form_version, created_at, local_date, documents_spared)
     VALUES (?, ?, ?, ?, 'submitted', ?, 'v', 'f', ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const note = db.prepare(
    `INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '{}', 'queued', ?, ?)`,
  );
  const event = db.prepare('INSERT INTO notification_events (notification_id, status, actor, at) VALUES (?, ?, ?, ?)');
  const setStatus = db.prepare('UPDATE notifications SET status = ?, due_at = ? WHERE id = ?');
  const answer = db.prepare("INSERT INTO verification_answers (notification_id, found, text, actor, answered_at, change_cursor, received_at) VALUES (?, 1, '有', 'tax', ?, ?, ?)");
  db.transaction(() => {
    let cursor = 1;
    for (const r of records) {
      const created = iso(r.createdMs);
      kase.run(r.caseKey, `FS01-${r.caseKey}`, r.office, r.lifeEvent, r.clerkId, created, created.slice(0, 10), r.documentsSpared);
      note.run(r.id, r.caseKey, r.item, r.kind, r.agency, created, created);
      event.run(r.id, 'queued', 'clerk', created);
      if (r.deliveredAfterS !== null) {
        const deliveredMs = r.createdMs + r.deliveredAfterS * 1000;
        event.run(r.id, 'delivered', 'sync', iso(deliveredMs));
        // A replayed acknowledgement later must not move the milestone.
        event.run(r.id, 'delivered', 'sync', iso(deliveredMs + 5_000));
        if (r.receivedAfterS !== null) event.run(r.id, 'received', 'agency', iso(deliveredMs + r.receivedAfterS * 1000));
        if (r.closedAfterS !== null) event.run(r.id, r.closeStatus!, 'agency', iso(deliveredMs + r.closedAfterS * 1000));
        if (r.answerAfterS !== null) {
          answer.run(r.id, iso(deliveredMs + r.answerAfterS * 1000 - 1), cursor++, iso(deliveredMs + r.answerAfterS * 1000));
          answer.run(r.id, iso(deliveredMs + r.answerAfterS * 1000 + 50_000), cursor++, iso(deliveredMs + r.answerAfterS * 1000 + 60_000)); // a later answer: the first counts
        }
      }
      setStatus.run(r.status, r.dueMs === null ? null : iso(r.dueMs), r.id);
    }
  })();
}
