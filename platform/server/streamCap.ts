/**
 * Open things per key (SSE streams per token, issue 13 finding 5): `acquire` answers a release
 * function, or null when `key` already holds `max`. Kept in this process (LocalStreamCap, one node)
 * or in the shared database (SharedStreamCap, several nodes: the cap holds in total, issue 14 §4).
 */
export interface StreamCap {
  acquire(key: string): Promise<(() => void) | null>;
  /** Stops background work (lease renewal); open places are released by their streams. */
  stop(): void;
}

export class LocalStreamCap implements StreamCap {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  async acquire(key: string): Promise<(() => void) | null> {
    const n = this.open.get(key) ?? 0;
    if (n >= this.max) return null;
    this.open.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left <= 0) this.open.delete(key);
      else this.open.set(key, left);
    };
  }

  stop(): void {}
}
