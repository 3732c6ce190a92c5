import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/auth/roles';
import { createCase } from '../cases/createCase';
import { getCase, searchCases } from '../cases/queries';
import type { Actor, ServiceContext } from '../context';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';

/** Search without a case number is limited by role (issue 7), refused with a typed error and audited. */
const tmp = tempDir('nin1-search-scope-');
let ctx: ServiceContext;
let clerk: Actor;
let caseNo: string;
const as = (role: Role): Actor => ({ ...clerk, user: { ...clerk.user, role, username: role } });
const denied = (role: string) =>
  ctx.db.prepare("SELECT detail FROM audit WHERE action = 'access.denied' AND actor = ?").pluck().all(role) as string[];

beforeAll(() => {
  ctx = makeContext(tmp.file('s.sqlite'));
  clerk = seedClerk(ctx);
  caseNo = createCase(ctx, clerk, moveDraft()).caseNo;
});
afterAll(() => {
  ctx.db.close();
  tmp.cleanup();
});

describe('role-limited search', () => {
  it('counter clerks and supervisors search by ID number and by name', () => {
    for (const role of ['counter_clerk', 'supervisor'] as const) {
      expect(searchCases(ctx, as(role), 'A123456789').map((c) => c.caseNo)).toEqual([caseNo]);
      expect(searchCases(ctx, as(role), '王小').map((c) => c.caseNo)).toEqual([caseNo]);
    }
  });

  it('scanning clerks and system admins search by case number only; other searches are refused and audited without the query', () => {
    for (const role of ['scanning_clerk', 'system_admin'] as const) {
      expect(searchCases(ctx, as(role), caseNo).map((c) => c.caseNo)).toEqual([caseNo]);
      expect(searchCases(ctx, as(role), caseNo.slice(0, 10)).map((c) => c.caseNo)).toEqual([caseNo]);
      for (const q of ['A123456789', '王小明']) {
        try {
          searchCases(ctx, as(role), q);
          expect.unreachable();
        } catch (e) {
          expect((e as { error: { code: string; message: string } }).error).toMatchObject({ code: 'ACCESS_DENIED', message: expect.stringContaining('僅能以案件編號查詢') });
        }
      }
      const rows = denied(role);
      expect(rows).toHaveLength(2);
      for (const r of rows) {
        expect(JSON.parse(r)).toEqual({ method: 'cases.search', role, by: 'person' });
        expect(r).not.toMatch(/A123456789|王小明/);
      }
    }
  });
});

describe('查詢紀錄 for case views (time, item, result)', () => {
  it('a shown case and an unknown case number both leave a row with their result', () => {
    getCase(ctx, clerk, caseNo);
    expect(() => getCase(ctx, clerk, 'FS01-1151126-9999')).toThrow(/查無案件/);
    const rows = ctx.db.prepare("SELECT at, case_no, detail FROM audit WHERE action = 'person.view' ORDER BY id").all() as { at: string; case_no: string; detail: string }[];
    expect(rows.map((r) => [r.case_no, (JSON.parse(r.detail) as { result: string }).result])).toEqual([[caseNo, 'shown'], ['FS01-1151126-9999', 'not-found']]);
    expect(rows.every((r) => r.at.length > 0)).toBe(true);
  });
});
