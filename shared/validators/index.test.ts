import { describe, expect, it } from 'vitest';
import * as validators from './index';

describe('shared/validators public surface', () => {
  it('exports the stable API', () => {
    for (const name of [
      'validatePersonId', 'maskPersonId', 'parseRocDate', 'formatRocDate', 'formatRocDateShort', 'toRocCompact', 'isoFromDate',
    ] as const) {
      expect(typeof validators[name], name).toBe('function');
    }
    expect(validators.PERSON_ID_AREAS.A).toEqual({ code: 10, name: '臺北市' });
    expect(validators.ROC_YEAR_OFFSET).toBe(1911);
  });
});
