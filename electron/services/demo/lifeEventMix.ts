import type { CaseDraft } from '../../../shared/cases/schema';
import type { ServiceContext } from '../context';

/**
 * How often each life event comes to the counter of a 鳳山-sized office (鳳山區, about 350,000
 * people), as a share of the N-in-1 cases. Order-of-magnitude figures from 內政部戶政司 人口統計,
 * rounded: crude birth rate about 6 ‰ and death rate about 9 ‰ a year (2022–2023), so roughly
 * 2,000 births and 3,100 deaths registered a year; 遷徙 (遷入、住址變更) registrations run near 8 % of
 * the population a year, about 28,000 people or some 15,000 visits (households move together); and
 * social-assistance applications and re-examinations taken at a counter (低收入/中低收入, 救生圈,
 * seed 000 case 1) on the order of 1,000 a year. 15,000 : 3,100 : 2,000 : 1,000 gives the shares
 * below: 遷徙 stays the large majority, as in table 4-17 of seed 000.
 */
export const LIFE_EVENT_SHARES = { move: 0.71, death: 0.15, birth: 0.095, assistance: 0.045 } as const;

export type DemoLifeEvent = keyof typeof LIFE_EVENT_SHARES;

/** Makes the draft of one demo visit on `when`; `nth` counts the visits of this life event so far (1 = first), `now` is the seed's today. */
export type DemoDraftMaker = (ctx: ServiceContext, rand: () => number, when: Date, at: { now: Date; nth: number }) => CaseDraft;

/** A life event drawn with the shares above. */
export function pickLifeEvent(rand: () => number): DemoLifeEvent {
  let r = rand();
  for (const [code, share] of Object.entries(LIFE_EVENT_SHARES) as [DemoLifeEvent, number][]) {
    if (r < share) return code;
    r -= share;
  }
  return 'move';
}
