import type { SseChanged } from '../../shared/platform/events';

/**
 * In-process fan-out of "something changed" hints to open SSE streams. Keys: `office:<code>`,
 * `agency:<code>`, `all` (admins). Hints are lossy by design: a client that misses one still pulls
 * on its poll interval. Several nodes on one PostgreSQL relay every published hint to each other
 * (hintRelay.ts, LISTEN/NOTIFY); a SQLite node is alone and needs nothing more.
 */
export type Listener = (hint: SseChanged) => void;
/** Where a node sends the hints it raises, for the other nodes' streams. */
export type HintForwarder = (keys: readonly string[], hint: SseChanged) => void;

export class Hub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private forward: HintForwarder | null = null;

  /** Every later publish is also handed to `fn` (the cluster relay); `null` stops it. */
  relayTo(fn: HintForwarder | null): void {
    this.forward = fn;
  }

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

  /** A hint raised on this node: to this node's streams at once, and to the other nodes through the relay. */
  publish(keys: readonly string[], hint: SseChanged): void {
    this.deliver(keys, hint);
    this.forward?.(keys, hint);
  }

  /** To this node's streams only (a hint another node raised). Each listener gets it at most once, even when subscribed under several keys. */
  deliver(keys: readonly string[], hint: SseChanged): void {
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
