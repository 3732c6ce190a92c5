import { afterEach, describe, expect, it } from 'vitest';
import { createCounterApp, type CounterApp } from '../app';
import { createUser, ensureOffice } from '../auth/users';
import { createCase } from '../cases/createCase';
import { fixedClock } from '../clock';
import { DEMO_CONFIG } from '../config/config';
import { silentLogger } from '../logging/logger';
import { moveDraft, TEST_NOW, tempDir } from '../testing/fixtures';

const tmp = tempDir('nin1-unmask-');
let app: CounterApp | undefined;
afterEach(() => app?.close());
const ORIGIN = { workstation: 'FS01-W02', ip: '10.0.0.2' };

async function setup(name: string) {
  const a = createCounterApp({ dbFile: tmp.file(name), create: true, shell: 'cli', logger: silentLogger(), clock: fixedClock(TEST_NOW) });
  app = a;
  ensureOffice(a.ctx.db, DEMO_CONFIG.officeCode, DEMO_CONFIG.officeName);
  const id = createUser(a.ctx.db, { username: 'clerk', displayName: '王怡君', role: 'counter_clerk', officeCode: DEMO_CONFIG.officeCode, password: 'demo1234' }, TEST_NOW);
  createUser(a.ctx.db, { username: 'scan', displayName: '掃描', role: 'scanning_clerk', officeCode: DEMO_CONFIG.officeCode, password: 'demo1234' }, TEST_NOW);
  const user = { id, username: 'clerk', displayName: '王怡君', role: 'counter_clerk' as const, officeCode: DEMO_CONFIG.officeCode };
  const { caseNo } = createCase(a.ctx, { user, ...ORIGIN }, moveDraft());
  const login = async (username: string) => {
    const r = await a.call('session.login', { username, password: 'demo1234' }, null, ORIGIN);
    return (r as { ok: true; value: { token: string } }).value.token;
  };
  const audit = (action: string) =>
    a.ctx.db.prepare('SELECT actor, case_no AS caseNo, person_ref AS personRef, detail, workstation, ip FROM audit WHERE action = ? ORDER BY id').all(action) as Record<string, unknown>[];
  return { a, caseNo, login, audit };
}

describe('person.unmask', () => {
  it('shows the full ID and phone for an open case with a reason, and audits who/which person/fields/workstation', async () => {
    const t = await setup('granted.sqlite');
    const token = await t.login('clerk');
    const r = await t.a.call('person.unmask', { caseNo: t.caseNo, reason: '民眾要求核對', fields: ['personId', 'phone'] }, token, ORIGIN);
    expect(r).toEqual({ ok: true, value: { caseNo: t.caseNo, values: { personId: 'A123456789', phone: '0912345678' } } });
    const [row] = t.audit('person.unmask');
    expect(row).toMatchObject({ actor: 'clerk', caseNo: t.caseNo, personRef: expect.any(Number), ...ORIGIN });
    expect(JSON.parse(row!.detail as string)).toEqual({ fields: ['personId', 'phone'], reason: '民眾要求核對' });
    expect(row!.detail).not.toContain('A123456789');
  });

  it('refuses without a reason or without a case number, and logs each refusal (never the values)', async () => {
    const t = await setup('refused.sqlite');
    const token = await t.login('clerk');
    const noReason = await t.a.call('person.unmask', { caseNo: t.caseNo, fields: ['personId'] }, token, ORIGIN);
    expect(noReason).toMatchObject({ ok: false, error: { code: 'UNMASK_REASON_REQUIRED' } });
    const noCase = await t.a.call('person.unmask', { reason: '核對資料', fields: ['personId'] }, token, ORIGIN);
    expect(noCase).toMatchObject({ ok: false, error: { code: 'UNMASK_CASE_REQUIRED' } });
    // An ID number typed where the case number goes is refused and not written to the audit.
    const idAsCase = await t.a.call('person.unmask', { caseNo: 'A123456789', reason: '核對資料', fields: ['personId'] }, token, ORIGIN);
    expect(idAsCase).toMatchObject({ ok: false, error: { code: 'UNMASK_CASE_NOT_FOUND' } });
    const refused = t.audit('person.unmask-refused');
    expect(refused.map((r) => (JSON.parse(r.detail as string) as { code: string }).code)).toEqual(['UNMASK_REASON_REQUIRED', 'UNMASK_CASE_REQUIRED', 'UNMASK_CASE_NOT_FOUND']);
    expect(refused.map((r) => r.caseNo)).toEqual([t.caseNo, null, null]);
    expect(JSON.stringify(refused)).not.toContain('A123456789');
    expect(t.audit('person.unmask')).toEqual([]);
  });

  it('refuses a closed case, and a role that may not unmask (scanning clerk sees masked IDs only)', async () => {
    const t = await setup('closed.sqlite');
    const scan = await t.login('scan');
    expect(await t.a.call('person.unmask', { caseNo: t.caseNo, reason: '核對', fields: ['personId'] }, scan, ORIGIN)).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    t.a.ctx.db.prepare("UPDATE cases SET status = 'closed' WHERE case_no = ?").run(t.caseNo);
    const clerk = await t.login('clerk');
    expect(await t.a.call('person.unmask', { caseNo: t.caseNo, reason: '核對', fields: ['personId'] }, clerk, ORIGIN)).toMatchObject({ ok: false, error: { code: 'UNMASK_CASE_CLOSED' } });
  });
});
