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
