/**
 * Rate limits of the public progress lookup (platform config `progressLimits`), by client (an IPv4
 * address or an IPv6 /64, see clientKey.ts):
 * - `perIp`: tries per client over all cases (a right code counts too);
 * - `perCase`: tries per (case, client). Per case alone, anyone could lock a citizen out of their
 *   own case with five wrong codes (issue 13 finding 4); per (case, client) the limit stops one
 *   guesser and leaves the citizen alone;
 * - `slowdown`: once a case has had more than `perCase.max` wrong codes in the window from all
 *   clients together, each further lookup of that case is answered after a delay doubling from
 *   `baseMs` up to `maxMs`: a distributed guesser is slowed, the rightful citizen still gets in.
 * Defaults: 5 tries per (case, client) and 30 per client per 15 minutes; 250 ms to 4 s slow-down.
 */
export type RateRule = { max: number; windowMs: number };
export type Slowdown = { baseMs: number; maxMs: number };
export type ProgressLimits = {
  perCase: RateRule;
  perIp: RateRule;
  /** Keys kept at most per table (memory bound); when full the oldest windows are evicted, nobody is refused for it. */
  maxKeys: number;
  slowdown?: Slowdown;
};

export const DEFAULT_PROGRESS_LIMITS: ProgressLimits = {
  perCase: { max: 5, windowMs: 15 * 60_000 },
  perIp: { max: 30, windowMs: 15 * 60_000 },
  maxKeys: 200_000,
  slowdown: { baseMs: 250, maxMs: 4000 },
};

/**
 * Overrides from the environment, for operators: `NIN1_PROGRESS_PER_CASE` and
 * `NIN1_PROGRESS_PER_IP` as `<tries>/<minutes>m`, e.g. `5/15m`. A malformed value stops the start
 * with a zh-TW message rather than silently running without the intended limit.
 */
export function progressLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): ProgressLimits {
  const rule = (name: string, fallback: RateRule): RateRule => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const m = /^(\d{1,6})\/(\d{1,5})m$/.exec(raw.trim());
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new Error(`環境變數 ${name}「${raw}」格式不正確，應為「次數/分鐘m」，例如 5/15m`);
    return { max: Number(m[1]), windowMs: Number(m[2]) * 60_000 };
  };
  return { ...DEFAULT_PROGRESS_LIMITS, perCase: rule('NIN1_PROGRESS_PER_CASE', DEFAULT_PROGRESS_LIMITS.perCase), perIp: rule('NIN1_PROGRESS_PER_IP', DEFAULT_PROGRESS_LIMITS.perIp) };
}
