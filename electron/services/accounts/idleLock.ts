import type { CounterConfig } from '../config/config';

/**
 * The idle time sessions lock after, in minutes: the policy's idleLockMinutes. UI tests may shorten
 * it to seconds with NIN1_IDLE_LOCK_SECONDS (refused when NODE_ENV=production), because the policy
 * minimum of one minute would make an idle-lock test take minutes.
 */
export function effectiveIdleMinutes(config: CounterConfig, env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.NIN1_IDLE_LOCK_SECONDS);
  if (env.NIN1_IDLE_LOCK_SECONDS && env.NODE_ENV !== 'production' && Number.isFinite(seconds) && seconds > 0) return seconds / 60;
  return config.idleLockMinutes;
}
