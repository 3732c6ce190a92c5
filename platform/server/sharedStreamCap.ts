import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../electron/services/clock';
import type { LeaseStore } from '../store/leasesRepo';
import type { StreamCap } from './streamCap';

/** How long a slot outlives its node's last renewal: a node killed with kill -9 frees its slots within this. */
export const STREAM_LEASE_MS = 30_000;
/** Renewed three times per lease, so one or two missed renewals (a busy database) lose nothing. */
const RENEW_EVERY_MS = STREAM_LEASE_MS / 3;

/**
 * The per-token stream cap over all nodes of one PostgreSQL (issue 14 §4): a token's `max` streams
 * are `max` numbered slots, `sse:<token>#0 … #max-1`, leased in the shared rate_windows table. An
 * open stream holds one slot; this node renews the slots its open streams hold while they are open
 * and deletes each when its stream closes. Claiming a slot is one atomic statement, so two nodes
 * opening streams for one token at once never overshoot the cap.
 */
export class SharedStreamCap implements StreamCap {
  /** This node's mark on its leases (a random number: nodes need no configured ids). */
  private readonly owner = randomInt(1, 2 ** 47);
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly leases: LeaseStore,
    private readonly max: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async acquire(key: string): Promise<(() => void) | null> {
    const now = this.clock.now().getTime();
    for (let slot = 0; slot < this.max; slot++) {
      const lease = `sse:${key}#${slot}`;
      if (this.held.has(lease)) continue; // this node's own open stream
      if (!(await this.leases.claim(lease, this.owner, now + STREAM_LEASE_MS, now))) continue;
      this.held.add(lease);
      this.startRenewing();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.held.delete(lease);
        if (this.held.size === 0) this.stopRenewing();
        this.leases.release(lease, this.owner).catch((e: Error) => this.logger.warn({ err: e.message }, 'stream slot not released (it lapses on its own)'));
      };
    }
    return null;
  }

  /** Extends every slot this node's open streams hold (on a timer; callable by tests with a hand-moved clock). */
  async renew(): Promise<void> {
    if (this.held.size === 0) return;
    await this.leases.renew([...this.held], this.owner, this.clock.now().getTime() + STREAM_LEASE_MS);
  }

  stop(): void {
    this.stopRenewing();
  }

  private startRenewing(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.renew().catch((e: Error) => this.logger.warn({ err: e.message }, 'stream slots not renewed (retried at the next tick)'));
    }, RENEW_EVERY_MS);
    this.timer.unref();
  }

  private stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
