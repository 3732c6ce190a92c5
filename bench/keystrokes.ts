import { readFileSync } from 'node:fs';
import { KEYSTROKES_FILE } from '../e2e/keystrokes';
import { entry, type BenchEntry } from './stats';

/**
 * keystrokes-<event>: keys a clerk presses to take one case of each life event, keyboard only, from
 * F2 (where a card read also lands) to the saved case. The figures are measured by the Chromium
 * flows in e2e/lifeEvents.spec.ts, which write them to .data/keystrokes.json (NIN1_KEYSTROKES_FILE);
 * this entry reads that file rather than driving a browser a second time, so run
 * `npx playwright test e2e/lifeEvents.spec.ts` (or the whole e2e suite) before `npm run bench`.
 * A typed CJK character counts as one key (an IME needs more, equally in every flow).
 *
 * Baseline: the 遷徙 case of the same run. Budget: 180 keys — two minutes at the ~1.5 keys a second
 * of a clerk reading from documents (the < 2 min of the design) — for every bundle; 遷徙 itself
 * has a budget of 90 (its 0.1 flow took 82).
 */
const FLOWS = [
  ['move', 90],
  ['death', 180],
  ['birth', 180],
  ['assistance', 180],
] as const;

export function benchKeystrokes(): BenchEntry[] {
  let measured: Record<string, { keystrokes: number; at: string } | undefined> = {};
  try {
    measured = JSON.parse(readFileSync(KEYSTROKES_FILE, 'utf8')) as typeof measured;
  } catch {
    // not measured yet: every entry says so below
  }
  const move = measured.move?.keystrokes;
  return FLOWS.map(([flow, budget]) => {
    const m = measured[flow];
    const name = `keystrokes-${flow}`;
    if (!m) return { name, value: 0, unit: 'keys', budget, ok: false, note: `not measured: run npx playwright test e2e/lifeEvents.spec.ts (writes ${KEYSTROKES_FILE})` };
    const baseline = flow === 'move' ? undefined : move;
    return entry(name, m.keystrokes, 'keys', budget, { ...(baseline ? { baseline } : {}), note: `measured by e2e/lifeEvents.spec.ts at ${m.at}` });
  });
}
