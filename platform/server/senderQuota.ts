import type { RateWindow, RateWindowStore } from '../store/rateWindowsRepo';
import type { ResourceLimits } from './resourceLimits';

const DAY_MS = 86_400_000;

/**
 * Batch uploads per sender per 24 h window (files and bytes). Only stored files are charged (an
 * idempotent retry that answers `duplicate` costs nothing). Keys are enrolled subjects, so the table
 * is bounded by the number of tokens. With `shared` (PostgreSQL: rate_windows) every node charges
 * the same window, so N nodes allow the quota once (issue 14 §4); without it (SQLite, one process)
 * the windows are in memory. The check and the charge are two steps, as before: uploads racing each
 * other may overshoot by the files in flight, never more.
 */
export class SenderQuota {
  private readonly windows = new Map<string, RateWindow>();

  constructor(
    private readonly limits: Pick<ResourceLimits, 'batchFilesPerDay' | 'batchBytesPerDay'>,
    private readonly shared: RateWindowStore | null = null,
  ) {}

  /** 0 when `bytes` more fit in the sender's window, else the seconds until it resets. */
  async waitFor(sender: string, bytes: number, nowMs: number): Promise<number> {
    const w = this.shared ? await this.shared.peek(this.key(sender), nowMs) : this.local(sender, nowMs);
    if (!w) return 0;
    const fits = w.count + 1 <= this.limits.batchFilesPerDay && w.amount + bytes <= this.limits.batchBytesPerDay;
    return fits ? 0 : Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000));
  }

  async charge(sender: string, bytes: number, nowMs: number): Promise<void> {
    if (this.shared) {
      await this.shared.add(this.key(sender), DAY_MS, nowMs, { count: 1, amount: bytes });
      return;
    }
    const w = this.local(sender, nowMs);
    w.count += 1;
    w.amount += bytes;
  }

  private key(sender: string): string {
    return `batch-quota:${sender}`;
  }

  private local(sender: string, nowMs: number): RateWindow {
    let w = this.windows.get(sender);
    if (!w || w.resetAt <= nowMs) this.windows.set(sender, (w = { count: 0, amount: 0, resetAt: nowMs + DAY_MS }));
    return w;
  }
}
