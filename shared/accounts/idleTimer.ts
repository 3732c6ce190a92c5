/**
 * The renderer's idle lock (issue 7): after `ms` without keyboard, pointer or wheel input the
 * session ends on the screen too, not only on the services side (which expires it after the same
 * policy time, idleLockMinutes, counting only non-passive calls). Activity only records a time; the
 * single timer re-arms itself for the remainder when it fires early, so typing costs nothing.
 */
export type IdleTimer = {
  /** Start (or restart) watching with this idle time; null stops. */
  arm(ms: number | null): void;
  activity(): void;
  stop(): void;
  readonly armed: boolean;
};

export function createIdleTimer(onIdle: () => void, now: () => number = () => Date.now()): IdleTimer {
  let limit: number | null = null;
  let last = 0;
  let handle: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (handle !== null) clearTimeout(handle);
    handle = null;
  };
  const schedule = (ms: number) => {
    clear();
    handle = setTimeout(check, ms);
  };
  const check = () => {
    handle = null;
    if (limit === null) return;
    const left = last + limit - now();
    if (left > 0) {
      schedule(left);
      return;
    }
    limit = null;
    onIdle();
  };
  return {
    arm(ms) {
      if (ms === null) {
        limit = null;
        clear();
        return;
      }
      limit = ms;
      last = now();
      schedule(ms);
    },
    activity() {
      last = now();
    },
    stop() {
      limit = null;
      clear();
    },
    get armed() {
      return limit !== null;
    },
  };
}

export const IDLE_ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/** Feeds user input on `target` (the window) into the timer; returns the unsubscribe. */
export function watchActivity(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>, timer: IdleTimer): () => void {
  const on = () => timer.activity();
  for (const e of IDLE_ACTIVITY_EVENTS) target.addEventListener(e, on, { capture: true, passive: true });
  return () => {
    for (const e of IDLE_ACTIVITY_EVENTS) target.removeEventListener(e, on, { capture: true });
  };
}

/** Policy minutes → milliseconds (null: no idle lock known yet). */
export const idleMs = (minutes: number | undefined): number | null => (minutes && minutes > 0 ? Math.round(minutes * 60_000) : null);
