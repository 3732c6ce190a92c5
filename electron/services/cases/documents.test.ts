import { afterAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../resources';
import { exampleDraft } from '../catalogue/examples';
import { fixedClock } from '../clock';
import { makeContext, seedClerk, tempDir } from '../testing/fixtures';
import { createCase } from './createCase';
import { markDocumentArrived } from './documents';
import { getCase } from './queries';

const tmp = tempDir('nin1-docs-');
afterAll(() => tmp.cleanup());

describe('救生圈 document checklist: 待補件 until the last document arrives (證件備齊日)', () => {
  it('a case with a missing document waits in 待補件; its arrival sets the 證件備齊日 and the effective month', () => {
    const ctx = makeContext(tmp.file('docs.sqlite'));
    const actor = seedClerk(ctx);
    const draft = exampleDraft(ctx.catalogue, resourcePath('catalogue'), 'assistance');
    const { caseNo } = createCase(ctx, actor, draft);
    let detail = getCase(ctx, actor, caseNo);
    expect(detail).toMatchObject({ status: 'awaiting-documents', statusLabel: '待補件', documentsCompleteOn: null, effectiveMonth: null });
    // 3 spareable documents obtained from agencies (免附) are counted for the statistics.
    expect(detail.documentsSpared).toBe(3);
    expect(detail.documents.find((d) => d.code === 'schoolCertificate')).toMatchObject({ status: 'missing', statusLabel: '欠缺', arrivedOn: null });

    // The school certificate arrives on 2026-12-16 (after the 15th).
    const later = { ...ctx, clock: fixedClock('2026-12-16T02:00:00.000Z') };
    expect(markDocumentArrived(later, actor, caseNo, 'schoolCertificate')).toEqual({ status: 'submitted', documentsCompleteOn: '2026-12-16', missing: 0 });
    detail = getCase(ctx, actor, caseNo);
    // 低收入戶: from the month the documents were complete (seed 000 lines 541–545).
    expect(detail).toMatchObject({ status: 'submitted', documentsCompleteOn: '2026-12-16', effectiveMonth: '2026-12' });
    expect(() => markDocumentArrived(later, actor, caseNo, 'schoolCertificate')).toThrow(/已註記為已備或免附/);
    expect(() => markDocumentArrived(later, actor, caseNo, 'nope')).toThrow(/文件清單沒有「nope」/);
    const audit = ctx.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'case.document-arrived'").pluck().get();
    expect(audit).toBe(1);
    ctx.db.close();
  });
});
