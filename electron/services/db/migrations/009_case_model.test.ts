import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/audit';
import { buildConsentFormModel } from '../../cases/formModel';
import { getCase } from '../../cases/queries';
import { computeDashboard } from '../../stats/dashboard';
import { makeContext, tempDir, TEST_NOW } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m009-');
afterAll(() => tmp.cleanup());

/** Written by release 0.1.0 with its own code (see ../fixtures/README.md); never regenerated. */
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'release-0.1.0-v7.sqlite');

type OldCase = { id: number; case_no: string; old_address: string; new_address: string; move_date: string; has_house_tax_bill: number; person_id: string; name: string; birth_date: string; phone: string | null };

describe('migration 009 case model, on a database written by release 0.1.0', () => {
  it('moves every 遷徙 case into participants and event fields with nothing lost; statistics and the audit chain hold', () => {
    const file = tmp.file('v7.sqlite');
    copyFileSync(FIXTURE, file);

    const before = new Database(file, { readonly: true });
    const oldCases = before
      .prepare('SELECT c.id, c.case_no, c.old_address, c.new_address, c.move_date, c.has_house_tax_bill, p.person_id, p.name, p.birth_date, p.phone FROM cases c JOIN people p ON p.id = c.person_ref ORDER BY c.id')
      .all() as OldCase[];
    const oldNotifications = before.prepare('SELECT * FROM notifications ORDER BY id').all();
    const oldEvents = before.prepare('SELECT * FROM notification_events ORDER BY id').all();
    const oldAudit = before.prepare('SELECT COUNT(*) FROM audit').pluck().get();
    expect(before.pragma('user_version', { simple: true })).toBe(7);
    expect(oldCases).toHaveLength(2);
    before.close();

    const ctx = makeContext(file);
    const caseNo = oldCases[0]!.case_no;
    for (const old of oldCases) {
      const p = ctx.db.prepare('SELECT role, seq, person_id, name, birth_date, phone, address FROM participants WHERE case_id = ?').all(old.id);
      expect(p).toEqual([{ role: 'applicant', seq: 0, person_id: old.person_id, name: old.name, birth_date: old.birth_date, phone: old.phone, address: old.new_address }]);
      const fields = JSON.parse(ctx.db.prepare('SELECT event_fields FROM cases WHERE id = ?').pluck().get(old.id) as string) as unknown;
      expect(fields).toEqual({ oldAddress: old.old_address, newAddress: old.new_address, moveDate: old.move_date, hasHouseTaxBill: old.has_house_tax_bill === 1 });
    }
    // Later migrations add columns (011: stats_life_event, the case's event; 019: the computed
    // statistics cell and samples); the rest is unchanged.
    const notifications = ctx.db.prepare('SELECT * FROM notifications ORDER BY id').all() as Record<string, unknown>[];
    expect(notifications.map(({ stats_life_event: event, stats_cell: _cell, stats_sample: _sample, ...rest }) => (expect(event).toBe('move'), rest))).toEqual(oldNotifications);
    expect(ctx.db.prepare('SELECT * FROM notification_events ORDER BY id').all()).toEqual(oldEvents);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'people'").pluck().get()).toBe(0);
    expect(ctx.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ctx.db.pragma('foreign_key_check')).toEqual([]);

    // The services read the migrated case as they read a new one.
    const actor = { user: { id: 1, username: 'clerk', displayName: '王怡君', role: 'counter_clerk' as const, officeCode: 'FS01' }, workstation: 'W', ip: '127.0.0.1' };
    const detail = getCase(ctx, actor, caseNo);
    expect(detail.person.name).toBe(oldCases[0]!.name);
    expect(detail.fields.map((f) => f.label)).toEqual(['原住址', '新住址', '遷入日期', '民眾已攜帶房屋稅單']);
    expect(detail.fields[0]!.value).toBe(oldCases[0]!.old_address);
    const form = buildConsentFormModel(ctx, oldCases[1]!.case_no);
    expect(form.eventFields.find((f) => f.label === '民眾已攜帶房屋稅單')?.value).toBe('否');
    expect(form.items.map((i) => i.code)).toContain('V01');

    // Statistics: the same counts the fixture's notifications give (8 notifications, 2 cases, 1 completed).
    const day = TEST_NOW.slice(0, 10);
    const stats = computeDashboard(ctx, { from: day, to: day, granularity: 'day' });
    expect(stats.total).toBe(8);
    expect(stats.cases).toBe(2);
    expect(stats.byItem.find((r) => r.item === 'N01')?.count).toBe(2);
    // The audit chain written by 0.1.0 still verifies, with this session's view appended.
    expect(verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBeGreaterThan(oldAudit as number);
    ctx.db.close();
  });

  it('a database from a newer release is still refused', () => {
    const db = new Database(tmp.file('newer.sqlite'));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db, MIGRATIONS)).toThrow(/比本程式支援的版本/);
    db.close();
  });
});
