/** Open things per key (SSE streams per token): acquire refuses past `max`; release when one closes. */
export class StreamCap {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  acquire(key: string): boolean {
    const n = this.open.get(key) ?? 0;
    if (n >= this.max) return false;
    this.open.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = (this.open.get(key) ?? 1) - 1;
    if (n <= 0) this.open.delete(key);
    else this.open.set(key, n);
  }
}
