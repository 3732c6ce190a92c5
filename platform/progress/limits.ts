/**
 * Rate limits of the public progress lookup (platform config `progressLimits`). Every request that
 * reaches the lookup counts against both its client IP and the case number asked about (a right
 * code counts too: a citizen checks a few times a day, an attacker needs millions of tries).
 * Defaults: 5 tries per case and 30 per IP per 15 minutes, so guessing one case's code (31^8
 * codes) at 480 tries a day would take billions of years.
 */
export type RateRule = { max: number; windowMs: number };
export type ProgressLimits = { perCase: RateRule; perIp: RateRule; /** Keys kept at most (memory bound); when full and nothing has expired, new keys are refused. */ maxKeys: number };

export const DEFAULT_PROGRESS_LIMITS: ProgressLimits = {
  perCase: { max: 5, windowMs: 15 * 60_000 },
  perIp: { max: 30, windowMs: 15 * 60_000 },
  maxKeys: 200_000,
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
