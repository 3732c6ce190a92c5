import type { SseChanged } from '../../shared/platform/events';

/**
 * In-process fan-out of "something changed" hints to open SSE streams. Keys: `office:<code>`,
 * `agency:<code>`, `all` (admins). Hints are lossy by design: a client that misses one still pulls
 * on its poll interval. (Several platform nodes behind a balancer would relay hints between nodes,
 * e.g. Postgres LISTEN/NOTIFY; one node needs nothing more.)
 */
export type Listener = (hint: SseChanged) => void;

export class Hub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(keys: readonly string[], fn: Listener): () => void {
    for (const k of keys) {
      let set = this.listeners.get(k);
      if (!set) this.listeners.set(k, (set = new Set()));
      set.add(fn);
    }
    return () => {
      for (const k of keys) {
        const set = this.listeners.get(k);
        set?.delete(fn);
        if (set?.size === 0) this.listeners.delete(k);
      }
    };
  }

  /** Each listener gets a hint at most once per publish, even when subscribed under several keys. */
  publish(keys: readonly string[], hint: SseChanged): void {
    const seen = new Set<Listener>();
    for (const k of [...keys, 'all']) {
      for (const fn of this.listeners.get(k) ?? []) {
        if (seen.has(fn)) continue;
        seen.add(fn);
        fn(hint);
      }
    }
  }

  get size(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}
