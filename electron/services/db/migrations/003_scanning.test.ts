import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m003-');
afterAll(() => tmp.cleanup());

const seedCase = (db: Database.Database, caseNo: string, notificationId: string) => {
  db.prepare("INSERT OR IGNORE INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
  db.prepare("INSERT OR IGNORE INTO users (id, username, display_name, role, office_code, password_hash, created_at) VALUES (1, 'c', 'c', 'counter_clerk', 'FS01', 'x', 't')").run();
  db.prepare("INSERT OR IGNORE INTO people (id, person_id, id_kind, name, birth_date, address, updated_at) VALUES (1, 'A123456789', 'national', '王', '1990-01-01', 'a', 't')").run();
  const caseId = db
    .prepare(
      `INSERT INTO cases (case_no, office_code, person_ref, life_event, old_address, new_address, move_date, has_house_tax_bill, status, clerk_id,
         catalogue_version, form_version, created_at, local_date) VALUES (?, 'FS01', 1, 'move', 'a', 'b', '2026-11-01', 1, 'submitted', 1, 'v', 'f', 't', '2026-11-01')`,
    )
    .run(caseNo).lastInsertRowid;
  db.prepare("INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at) VALUES (?, ?, 'N01', 'notification', 'KH-TAX', '{}', 'queued', 't', 't')").run(notificationId, caseId);
  db.prepare("INSERT INTO outbox (notification_id, created_at) VALUES (?, 't')").run(notificationId);
  return Number(caseId);
};

describe('migration 003 (scanning)', () => {
  it('keeps cases saved before it sendable and requires consent evidence for new ones', () => {
    const db = new Database(tmp.file('m3.sqlite'));
    migrate(db, MIGRATIONS, 2);
    seedCase(db, 'FS01-1151101-0001', '00000000-0000-7000-8000-000000000001');
    migrate(db, MIGRATIONS, 3);
    const newCase = seedCase(db, 'FS01-1151126-0001', '00000000-0000-7000-8000-000000000002');
    expect(db.prepare('SELECT case_no, consent_required FROM cases ORDER BY id').all()).toEqual([
      { case_no: 'FS01-1151101-0001', consent_required: 0 },
      { case_no: 'FS01-1151126-0001', consent_required: 1 },
    ]);
    // The old case is not held; the new one is, until its form page is attached or excepted.
    expect(db.prepare('SELECT notification_id FROM consent_holds').pluck().all()).toEqual(['00000000-0000-7000-8000-000000000002']);
    db.prepare("INSERT INTO consent_form_pages (case_id, item_code, form_page, form_pages) VALUES (?, 'N01', 1, 2), (?, '*', 2, 2)").run(newCase, newCase);
    const attachment = db
      .prepare("INSERT INTO attachments (case_id, kind, file_name, mime, page_count, byte_size, sha256, created_at) VALUES (?, 'scan', 'a.pdf', 'application/pdf', 1, 1, 'h', 't')")
      .run(newCase).lastInsertRowid;
    db.prepare('INSERT INTO attachment_pages (attachment_id, page_no, form_page) VALUES (?, 1, 1)').run(attachment);
    expect(db.prepare('SELECT COUNT(*) FROM consent_holds').pluck().get()).toBe(1); // page 2 (personal-data consent) still missing
    db.prepare('INSERT INTO attachment_pages (attachment_id, page_no, form_page) VALUES (?, 2, 2)').run(attachment);
    expect(db.prepare('SELECT COUNT(*) FROM consent_holds').pluck().get()).toBe(0);
    db.close();
  });

  it('makes attachments immutable', () => {
    const db = new Database(tmp.file('m3b.sqlite'));
    migrate(db, MIGRATIONS, 3);
    const caseId = seedCase(db, 'FS01-1151126-0001', '00000000-0000-7000-8000-000000000003');
    db.prepare("INSERT INTO attachments (case_id, kind, file_name, mime, page_count, byte_size, sha256, created_at) VALUES (?, 'scan', 'a.pdf', 'application/pdf', 1, 1, 'h', 't')").run(caseId);
    expect(() => db.prepare("UPDATE attachments SET sha256 = 'other'").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM attachments').run()).toThrow(/immutable/);
    db.close();
  });
});
