import type { ServiceContext } from '../context';
import { runRetention } from './run';

const DAY_MS = 24 * 60 * 60_000;

/**
 * The daily retention run inside the app: first a few minutes after start (not during boot), then
 * once a day. Timers are unref'd so a short-lived CLI process never waits for them; a failed run is
 * logged and retried the next day.
 */
export function scheduleRetention(ctx: ServiceContext, options: { firstAfterMs?: number; everyMs?: number } = {}): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = (): void => {
    runRetention(ctx)
      .catch((e: unknown) => ctx.logger.error({ err: e }, 'retention run failed'))
      .finally(() => {
        if (!stopped) arm(options.everyMs ?? DAY_MS);
      });
  };
  const arm = (ms: number): void => {
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  arm(options.firstAfterMs ?? 5 * 60_000);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
