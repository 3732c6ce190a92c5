import type { DeviceEvent } from '../../../../shared/devices/schema';
import type { Clock } from '../../clock';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewDeviceEvent = DistributiveOmit<DeviceEvent, 'seq' | 'at'>;

/**
 * Device events for the renderer, read with a cursor (`devices.events`). Bounded and short-lived on
 * purpose: a card-inserted event carries a citizen's ID, name and birth date, so events older than
 * `ttlMs` are dropped even if nobody read them, and only the last `max` are kept.
 */
export class DeviceEventLog {
  private events: DeviceEvent[] = [];
  private seq = 0;
  private readonly listeners = new Set<(e: DeviceEvent) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly options: { max: number; ttlMs: number } = { max: 200, ttlMs: 120_000 },
  ) {}

  push(event: NewDeviceEvent): DeviceEvent {
    const full = { ...event, seq: ++this.seq, at: this.clock.now().toISOString() } as DeviceEvent;
    this.events.push(full);
    this.prune();
    for (const l of this.listeners) l(full);
    return full;
  }

  /**
   * Events after `cursor`. A reader without a cursor (a renderer that just started) gets none, only
   * the current cursor: it must not replay a card inserted before it was looking. A cursor from a
   * previous run of the host (larger than ours) is treated the same way.
   */
  since(cursor: number | null): { cursor: number; events: DeviceEvent[] } {
    this.prune();
    if (cursor === null || cursor > this.seq) return { cursor: this.seq, events: [] };
    return { cursor: this.seq, events: this.events.filter((e) => e.seq > cursor) };
  }

  /** In-process listeners (session locking, last error); called synchronously. */
  subscribe(listener: (e: DeviceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private prune(): void {
    const oldest = this.clock.now().getTime() - this.options.ttlMs;
    this.events = this.events.filter((e) => Date.parse(e.at) >= oldest).slice(-this.options.max);
  }
}
