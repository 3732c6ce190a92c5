import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m005-');
afterAll(() => tmp.cleanup());

type Milestones = { delivered_at: string | null; received_at: string | null; closed_at: string | null; due_at: string | null };

function seedVersion4(db: Database.Database): void {
  migrate(db, MIGRATIONS, 4);
  db.exec(`
    INSERT INTO offices (code, name) VALUES ('FS01', '鳳山');
    INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('clerk', '王怡君', 'counter_clerk', 'FS01', 'x', 't');
    INSERT INTO people (person_id, id_kind, name, birth_date, address, updated_at) VALUES ('A123456789', 'national', '王小明', '1990-03-15', 'a', 't');
    INSERT INTO cases (case_no, office_code, person_ref, life_event, old_address, new_address, move_date, has_house_tax_bill, status, clerk_id, catalogue_version, form_version, created_at, local_date)
      VALUES ('FS01-1151126-0001', 'FS01', 1, 'move', 'a', 'b', '2026-11-20', 1, 'submitted', 1, 'v', 'f', '2026-11-26T02:00:00.000Z', '2026-11-26');
  `);
  const note = db.prepare("INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at) VALUES (?, 1, 'N01', 'notification', 'KH-TAX', '{}', ?, '2026-11-26T02:00:00.000Z', 't')");
  const event = db.prepare("INSERT INTO notification_events (notification_id, status, actor, at) VALUES (?, ?, 'x', ?)");
  note.run('n-done', 'completed');
  event.run('n-done', 'queued', '2026-11-26T02:00:00.000Z');
  event.run('n-done', 'delivered', '2026-11-26T02:00:05.000Z');
  event.run('n-done', 'delivered', '2026-11-26T02:09:00.000Z'); // replayed acknowledgement
  event.run('n-done', 'received', '2026-11-26T05:00:00.000Z');
  event.run('n-done', 'completed', '2026-11-27T01:00:00.000Z');
  note.run('n-open', 'sent');
  event.run('n-open', 'queued', '2026-11-26T02:00:00.000Z');
  event.run('n-open', 'sent', '2026-11-26T02:00:01.000Z');
}

const milestones = (db: Database.Database, id: string): Milestones =>
  db.prepare('SELECT delivered_at, received_at, closed_at, due_at FROM notifications WHERE id = ?').get(id) as Milestones;

describe('migration 005 timeline', () => {
  it('backfills milestones from the events already recorded (first delivery wins)', () => {
    const db = new Database(tmp.file('backfill.sqlite'));
    seedVersion4(db);
    migrate(db, MIGRATIONS, 5);
    expect(milestones(db, 'n-done')).toEqual({ delivered_at: '2026-11-26T02:00:05.000Z', received_at: '2026-11-26T05:00:00.000Z', closed_at: '2026-11-27T01:00:00.000Z', due_at: null });
    expect(milestones(db, 'n-open')).toEqual({ delivered_at: null, received_at: null, closed_at: null, due_at: null });
    db.close();
  });

  it('keeps milestones from new events by trigger: first delivered/received win, rejected closes, other statuses leave them alone', () => {
    const db = new Database(tmp.file('trigger.sqlite'));
    seedVersion4(db);
    migrate(db, MIGRATIONS, 5);
    const event = db.prepare("INSERT INTO notification_events (notification_id, status, actor, at) VALUES ('n-open', ?, 'x', ?)");
    event.run('failed', '2026-11-26T03:00:00.000Z');
    expect(milestones(db, 'n-open').delivered_at).toBeNull();
    event.run('delivered', '2026-11-26T03:00:01.000Z');
    event.run('delivered', '2026-11-26T03:30:00.000Z');
    event.run('received', '2026-11-26T04:00:00.000Z');
    event.run('received', '2026-11-26T04:10:00.000Z');
    expect(milestones(db, 'n-open')).toMatchObject({ delivered_at: '2026-11-26T03:00:01.000Z', received_at: '2026-11-26T04:00:00.000Z', closed_at: null });
    event.run('rejected', '2026-11-28T00:00:00.000Z');
    event.run('completed', '2026-11-29T00:00:00.000Z'); // a later close never moves the first
    expect(milestones(db, 'n-open').closed_at).toBe('2026-11-28T00:00:00.000Z');
    // The other notification is untouched.
    expect(milestones(db, 'n-done').closed_at).toBe('2026-11-27T01:00:00.000Z');
    db.close();
  });

  it('copies the case office and clerk onto notifications (backfill and trigger) and derives turnaround and stage', () => {
    const db = new Database(tmp.file('derived.sqlite'));
    seedVersion4(db);
    migrate(db, MIGRATIONS, 5);
    const derived = (id: string) => db.prepare('SELECT stats_office, stats_clerk, stage, to_delivery_ms, to_receipt_ms, to_completion_ms FROM notifications WHERE id = ?').get(id);
    // Backfilled row: delivered 5 s after creation, received 2:59:55 later, completed 22:59:55 after delivery.
    expect(derived('n-done')).toEqual({ stats_office: 'FS01', stats_clerk: 1, stage: 3, to_delivery_ms: 5_000, to_receipt_ms: 10_795_000, to_completion_ms: 82_795_000 });
    expect(derived('n-open')).toEqual({ stats_office: 'FS01', stats_clerk: 1, stage: 0, to_delivery_ms: null, to_receipt_ms: null, to_completion_ms: null });
    // A notification inserted after the migration gets the copy from the trigger; milliseconds count.
    db.prepare("INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at) VALUES ('n-new', 1, 'N04', 'notification', 'KH-LAND-FS', '{}', 'queued', '2026-11-26T02:00:00.250Z', 't')").run();
    db.prepare("INSERT INTO notification_events (notification_id, status, actor, at) VALUES ('n-new', 'delivered', 'x', '2026-11-26T02:00:01.000Z')").run();
    expect(derived('n-new')).toEqual({ stats_office: 'FS01', stats_clerk: 1, stage: 1, to_delivery_ms: 750, to_receipt_ms: null, to_completion_ms: null });
    db.close();
  });

  it('statistics read a period from the covering index alone, and lookups by audit action use their index', () => {
    const db = new Database(tmp.file('plan.sqlite'));
    migrate(db, MIGRATIONS, 5);
    const plan = (sql: string): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan("SELECT COUNT(*) FROM notifications WHERE created_at >= '2026-11-01' AND created_at < '2026-12-01' AND item_code = 'N01' AND stats_clerk = 1"))
      .toMatch(/USING COVERING INDEX notifications_stats \(/);
    expect(plan("SELECT stats_month, item_code, status, stage, COUNT(*), group_concat(to_delivery_ms) FROM notifications INDEXED BY notifications_stats_month WHERE stats_month BETWEEN '2026-10' AND '2026-11' GROUP BY stats_month, item_code, receiver_agency, kind, status, stats_office, stats_clerk, stage"))
      .not.toMatch(/TEMP B-TREE/);
    // The plan says "INDEX", not "COVERING INDEX", because of the virtual columns, but SQLite reads
    // their values from the index and its deferred seek never visits the table: no table column is read.
    const ops = db.prepare("EXPLAIN SELECT stage, to_delivery_ms, to_answer_ms, case_id, stats_clerk FROM notifications INDEXED BY notifications_stats_month WHERE stats_month BETWEEN '2026-10' AND '2026-11' AND created_at >= '2026-11-01'").all() as { opcode: string; p1: number }[];
    const tableCursor = ops.find((o) => o.opcode === 'OpenRead')!.p1;
    expect(ops.some((o) => o.opcode === 'DeferredSeek')).toBe(true);
    expect(ops.filter((o) => o.opcode === 'Column' && o.p1 === tableCursor)).toEqual([]);
    expect(plan("SELECT actor, COUNT(*) FROM audit WHERE action IN ('person.view', 'case.search') AND at >= '2026' AND at < '2027' GROUP BY actor"))
      .toMatch(/audit_action_at/);
    db.close();
  });
});
