import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/loadCatalogue';
import { resourcePath } from '../resources';
import { buildEnvelopes } from './envelope';
import type { QueueRow } from './outbox';

const catalogue = loadCatalogue(resourcePath('catalogue'));
const row: QueueRow = {
  seq: 7, attempts: 0, next_attempt_at: null, id: '019a0000-0000-7000-8000-000000000001', item_code: 'D06', kind: 'notification',
  receiver_agency: 'NHIA', payload: JSON.stringify({ deceasedName: '陳文雄' }), status: 'queued', created_at: '2026-11-26T02:30:00.000Z',
  case_no: 'FS01-1151126-0001', office_code: 'FS01', life_event: 'death', person_id: 'E220312348', person_name: '陳淑芬',
  progress_alg: null, progress_salt: null, progress_hash: null, progress_issue: null,
};
const who = { officeCode: 'FS01', workstationId: 'FS01-W01', agencyCode: 'KH-HR-FS' };

describe('envelopes describe their life event and fields (issue 12)', () => {
  it('carries the life event, the item title and a label per payload key, nothing personal', () => {
    const { ready } = buildEnvelopes([row], who, catalogue);
    expect(ready[0]!.envelope.context).toMatchObject({ lifeEvent: 'death', lifeEventName: '家人身後事', itemTitle: '全民健康保險退保（死亡）' });
    expect(ready[0]!.envelope.context!.labels.deceasedName).toBeTruthy();
  });
  it('without a catalogue (or for an unknown item) the envelope goes without a context, as from older counters', () => {
    expect(buildEnvelopes([row], who).ready[0]!.envelope.context).toBeUndefined();
    expect(buildEnvelopes([{ ...row, item_code: 'Z99' }], who, catalogue).ready[0]!.envelope.context).toBeUndefined();
  });
});
