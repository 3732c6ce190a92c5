import type { ResourceLimits } from './resourceLimits';

const DAY_MS = 86_400_000;

/**
 * Batch uploads per sender per 24 h window (files and bytes). Only stored files are charged (an
 * idempotent retry that answers `duplicate` costs nothing). Keys are enrolled subjects, so the table
 * is bounded by the number of tokens.
 */
export class SenderQuota {
  private readonly windows = new Map<string, { files: number; bytes: number; resetAt: number }>();

  constructor(private readonly limits: Pick<ResourceLimits, 'batchFilesPerDay' | 'batchBytesPerDay'>) {}

  /** 0 when `bytes` more fit in the sender's window, else the seconds until it resets. */
  waitFor(sender: string, bytes: number, nowMs: number): number {
    const w = this.window(sender, nowMs);
    const fits = w.files + 1 <= this.limits.batchFilesPerDay && w.bytes + bytes <= this.limits.batchBytesPerDay;
    return fits ? 0 : Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000));
  }

  charge(sender: string, bytes: number, nowMs: number): void {
    const w = this.window(sender, nowMs);
    w.files += 1;
    w.bytes += bytes;
  }

  private window(sender: string, nowMs: number) {
    let w = this.windows.get(sender);
    if (!w || w.resetAt <= nowMs) this.windows.set(sender, (w = { files: 0, bytes: 0, resetAt: nowMs + DAY_MS }));
    return w;
  }
}
