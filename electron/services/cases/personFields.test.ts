import { afterAll, describe, expect, it } from 'vitest';
import { maskName } from '../../../shared/auth/personFields';
import { createCase } from './createCase';
import { getCase, searchCases, todayCases } from './queries';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';

const tmp = tempDir('nin1-fields-');
afterAll(() => tmp.cleanup());

describe('field-level result permissions (shared/auth/personFields.ts, applied in the services)', () => {
  it('a scanning clerk gets the masked ID and a masked name only; the counter clerk the full record; the audit lists the fields shown', () => {
    const ctx = makeContext(tmp.file('fields.sqlite'));
    const clerk = seedClerk(ctx);
    const scanner = { ...clerk, user: { ...clerk.user, username: 'scan', role: 'scanning_clerk' as const } };
    const { caseNo } = createCase(ctx, clerk, moveDraft());

    expect(searchCases(ctx, clerk, caseNo)[0]).toMatchObject({ personName: '王小明', personIdMasked: 'A12****789' });
    expect(searchCases(ctx, scanner, caseNo)[0]).toMatchObject({ personName: '王○明', personIdMasked: 'A12****789' });
    expect(todayCases(ctx, 'scanning_clerk')[0]?.personName).toBe('王○明');

    const full = getCase(ctx, clerk, caseNo);
    expect(full.person).toEqual({ idMasked: 'A12****789', name: '王小明', birthDate: '1990-03-15', phoneMasked: '0912***678' });
    const limited = getCase(ctx, scanner, caseNo);
    expect(limited.person).toEqual({ idMasked: 'A12****789', name: '王○明', birthDate: '', phoneMasked: null });
    expect(JSON.stringify(limited)).not.toContain('光復路');

    const views = ctx.db.prepare("SELECT detail FROM audit WHERE action = 'person.view' ORDER BY id").pluck().all() as string[];
    expect(views.map((d) => (JSON.parse(d) as { fields: string[] }).fields)).toEqual([['idMasked', 'name', 'birthDate', 'phone', 'addresses'], ['idMasked']]);
    ctx.db.close();
  });

  it('masks names of any length', () => {
    expect([maskName('王小明'), maskName('王明'), maskName('歐陽娜娜'), maskName('王')]).toEqual(['王○明', '王○', '歐○○娜', '○']);
  });
});
