import { describe, expect, it } from 'vitest';
import { addPackedSamples, distinctCounts, Filling } from './samples';

const targets = (withAnswers: boolean) => ({ caseIds: new Filling(8), toDelivery: new Filling(8), toReceipt: new Filling(8), toCompletion: new Filling(8), toAnswer: withAnswers ? new Filling(8) : null });

describe('packed statistics samples', () => {
  it('reads ids as they are and milliseconds as seconds; empty is NULL wherever it stands, a minus is kept', () => {
    const to = targets(true);
    addPackedSamples('12,1500,,3600000,;7,-250,10,20,60000;12,,,,', to);
    addPackedSamples('9,1,2,3,4', to);
    expect(Array.from(to.caseIds.filled)).toEqual([12, 7, 12, 9]);
    expect(Array.from(to.toDelivery.filled)).toEqual([1.5, -0.25, 0.001]);
    expect(Array.from(to.toReceipt.filled)).toEqual([0.01, 0.002]);
    expect(Array.from(to.toCompletion.filled)).toEqual([3600, 0.02, 0.003]);
    expect(Array.from(to.toAnswer!.filled)).toEqual([60, 0.004]);
  });

  it('drops answers of cells that are not verifications, and a malformed list ends instead of hanging', () => {
    const to = targets(false);
    addPackedSamples('3,1,2,3,4', to);
    expect(Array.from(to.caseIds.filled)).toEqual([3]);
    expect(to.toAnswer).toBeNull();
    addPackedSamples('5', targets(false));
    addPackedSamples('5,1', targets(false));
  });

  it('counts distinct case ids over all lists and within each', () => {
    expect(distinctCounts([Float64Array.from([1, 2, 2, 40]), Float64Array.from([40, 3, 3]), Float64Array.from([2, 1])])).toEqual({ total: 4, perList: [3, 2, 2] });
    expect(distinctCounts([new Float64Array(0)])).toEqual({ total: 0, perList: [0] });
    expect(distinctCounts([])).toEqual({ total: 0, perList: [] });
  });
});
