import { describe, expect, it } from 'vitest';
import { routePage, type PrevPage } from './route';

const cases: Record<string, number> = { 'FS01-1151126-0001': 1, 'FS01-1151126-0002': 2 };
const find = (no: string) => cases[no] ?? null;
const qr = (no: string, page: number, pages = 2) => `NIN1:${no}:${page}/${pages}`;
const prev = (caseId: number, groupKey: string, attached = false): PrevPage => ({ caseId, groupKey, attached, rotation: 0 });

describe('routePage', () => {
  it('sends a page with our code to its case and form page; consecutive pages of a case are one document', () => {
    const first = routePage({ key: 'k1', qr: qr('FS01-1151126-0001', 1), blank: false }, null, null, find);
    expect(first).toMatchObject({ route: 'qr', caseId: 1, formPage: 1, groupKey: 'k1', qrCaseNo: 'FS01-1151126-0001', qrPages: 2 });
    expect(routePage({ key: 'k2', qr: qr('FS01-1151126-0001', 2), blank: false }, prev(1, 'k1'), null, find)).toMatchObject({ caseId: 1, formPage: 2, groupKey: 'k1' });
    expect(routePage({ key: 'k3', qr: qr('FS01-1151126-0002', 1), blank: false }, prev(1, 'k1'), null, find)).toMatchObject({ caseId: 2, groupKey: 'k3' });
  });

  it('lets a page without a code join the document before it (an ID copy behind the form)', () => {
    expect(routePage({ key: 'k2', qr: null, blank: false }, prev(1, 'k1'), null, find)).toMatchObject({ route: 'continuation', caseId: 1, formPage: null, groupKey: 'k1' });
    // …a new document on the same case if the one before is already attached.
    expect(routePage({ key: 'k2', qr: null, blank: false }, prev(1, 'k1', true), null, find)).toMatchObject({ route: 'continuation', caseId: 1, groupKey: 'k2' });
  });

  it('puts blank, foreign, unknown and orphan pages in the tray with the reason', () => {
    expect(routePage({ key: 'k', qr: null, blank: true }, prev(1, 'k1'), null, find)).toMatchObject({ route: 'unmatched', code: 'BLANK' });
    expect(routePage({ key: 'k', qr: 'https://example.org/x', blank: false }, prev(1, 'k1'), null, find)).toMatchObject({ route: 'unmatched', code: 'FOREIGN_QR' });
    expect(routePage({ key: 'k', qr: qr('FS01-1151126-0099', 1), blank: false }, null, null, find)).toMatchObject({ route: 'unmatched', code: 'CASE_UNKNOWN', qrCaseNo: 'FS01-1151126-0099' });
    expect(routePage({ key: 'k', qr: null, blank: false }, null, null, find)).toMatchObject({ route: 'unmatched', code: 'NO_QR' });
  });

  it('on a re-scan for a case, a page whose code cannot be read goes to that case and form page', () => {
    expect(routePage({ key: 'k', qr: null, blank: false }, null, { caseId: 2, formPage: 2 }, find)).toMatchObject({ route: 'target', caseId: 2, formPage: 2, groupKey: 'k' });
    // A readable code still wins over the target.
    expect(routePage({ key: 'k', qr: qr('FS01-1151126-0001', 1), blank: false }, null, { caseId: 2, formPage: 2 }, find)).toMatchObject({ route: 'qr', caseId: 1 });
  });
});
