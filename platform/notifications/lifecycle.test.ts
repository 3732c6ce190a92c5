import { describe, expect, it } from 'vitest';
import type { NotificationState } from '../store/repository';
import { decide } from './lifecycle';

const s = (over: Partial<NotificationState> = {}): NotificationState => ({
  id: 'x', kind: 'notification', officeCode: 'FS01', receiverAgency: 'KH-TAX', caseNo: 'FS01-1151126-0001', status: 'delivered',
  itemCode: 'N01', previousReceivers: [], openSupplement: null, supplementRounds: 0, ...over,
});
const statuses = (d: ReturnType<typeof decide>) => (d.ok ? d.changes.map((c) => c.status) : d.code);

describe('agency action lifecycle', () => {
  it('receive, complete and reject from delivered record the implied received first', () => {
    expect(statuses(decide({ action: 'receive' }, s(), 'KH-TAX'))).toEqual(['received']);
    expect(statuses(decide({ action: 'complete' }, s(), 'KH-TAX'))).toEqual(['received', 'completed']);
    expect(statuses(decide({ action: 'complete' }, s({ status: 'received' }), 'KH-TAX'))).toEqual(['completed']);
    expect(statuses(decide({ action: 'reject', reason: '地址不明' }, s({ status: 'received' }), 'KH-TAX'))).toEqual(['rejected']);
  });

  it('repeating the last action is a no-op; rewriting a closed outcome is refused', () => {
    expect(statuses(decide({ action: 'receive' }, s({ status: 'received' }), 'KH-TAX'))).toEqual([]);
    expect(statuses(decide({ action: 'complete' }, s({ status: 'completed' }), 'KH-TAX'))).toEqual([]);
    expect(statuses(decide({ action: 'reject', reason: 'r' }, s({ status: 'completed' }), 'KH-TAX'))).toBe('INVALID_TRANSITION');
    expect(statuses(decide({ action: 'complete' }, s({ status: 'rejected' }), 'KH-TAX'))).toBe('INVALID_TRANSITION');
  });

  it('a verification is closed by its answer only, and answers belong to verifications', () => {
    const answer = { found: true, text: '已繳清' };
    const d = decide({ action: 'answer', answer }, s({ kind: 'verification' }), 'KH-TAX');
    expect(d).toEqual({ ok: true, changes: [{ status: 'received', reason: null, answer: null }, { status: 'completed', reason: null, answer }] });
    expect(statuses(decide({ action: 'complete' }, s({ kind: 'verification' }), 'KH-TAX'))).toBe('ACTION_NOT_ALLOWED');
    expect(statuses(decide({ action: 'answer', answer }, s(), 'KH-TAX'))).toBe('ACTION_NOT_ALLOWED');
  });

  it('another agency may not act', () => {
    expect(statuses(decide({ action: 'receive' }, s(), 'KH-LAND-FS'))).toBe('FORBIDDEN');
  });
});
