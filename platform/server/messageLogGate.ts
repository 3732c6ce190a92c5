import type { FastifyRequest } from 'fastify';
import { clientKeyOf } from '../progress/clientKey';
import { RateLimiter } from '../progress/rateLimiter';
import { SharedRateLimiter } from '../progress/sharedRateLimiter';
import type { RateWindowStore } from '../store/rateWindowsRepo';
import type { ResourceLimits } from './resourceLimits';

/** Every this many written rows, one page of expired rows is deleted (no separate scheduler needed). */
const PRUNE_EVERY = 500;
export const PRUNE_PAGE = 5000;
const MINUTE_MS = 60_000;
/** The one key of the all-clients window. */
const ALL = '*';

type Limits = Pick<ResourceLimits, 'messageLogDays' | 'unauthLogPerMinute' | 'unauthLogTotalPerMinute'>;

/**
 * What keeps the message log bounded (issue 13 finding 5). Each row is a durable (fsync'd) write, so
 * a flood of anonymous refused requests would cost a disk write each and grow the table forever:
 * such rows are written at most `unauthLogPerMinute` per client and `unauthLogTotalPerMinute` over
 * all clients per minute (the rest are counted in the process log), and rows older than
 * `messageLogDays` are deleted a page at a time as new ones arrive. Authenticated and successful
 * requests are always logged.
 *
 * Several nodes on one PostgreSQL (issue 14 §4) count both windows in the shared rate_windows table,
 * so the caps hold in total, not per node. This node's own windows are checked first: a client this
 * node alone has already refused costs no database write, and the database is asked at most
 * `unauthLogTotalPerMinute` times a minute per node, however many addresses a flood comes from.
 */
export class MessageLogGate {
  private readonly perClient: RateLimiter;
  private readonly total: RateLimiter;
  private shared: { windows: RateWindowStore; perClient: SharedRateLimiter; total: SharedRateLimiter } | null = null;
  private writes = 0;
  suppressed = 0;

  constructor(private readonly limits: Limits) {
    this.perClient = new RateLimiter({ max: limits.unauthLogPerMinute, windowMs: MINUTE_MS }, 100_000);
    this.total = new RateLimiter({ max: limits.unauthLogTotalPerMinute, windowMs: MINUTE_MS }, 1);
  }

  /** `shared`: the store's shared windows (PostgreSQL), or null (SQLite: this process is the platform). */
  async shouldWrite(req: FastifyRequest, status: number, nowMs: number, shared: RateWindowStore | null): Promise<boolean> {
    if (req.nin1.principal !== null || status < 400) return true;
    const client = clientKeyOf(req.ip);
    let allowed = this.perClient.hit(client, nowMs) === 0 && this.total.hit(ALL, nowMs) === 0;
    if (allowed && shared) {
      const s = this.sharedOn(shared);
      allowed = (await s.perClient.hit(client, nowMs)) === 0 && (await s.total.hit(ALL, nowMs)) === 0;
    }
    if (!allowed) this.suppressed++;
    return allowed;
  }

  /** The cut-off to prune before, when a prune is due after this write; else null. */
  pruneDue(nowMs: number): string | null {
    this.writes++;
    return this.writes % PRUNE_EVERY === 1 ? new Date(nowMs - this.limits.messageLogDays * 86_400_000).toISOString() : null;
  }

  private sharedOn(windows: RateWindowStore) {
    if (this.shared?.windows !== windows) {
      this.shared = {
        windows,
        perClient: new SharedRateLimiter(windows, 'unauth-log', { max: this.limits.unauthLogPerMinute, windowMs: MINUTE_MS }),
        total: new SharedRateLimiter(windows, 'unauth-log-all', { max: this.limits.unauthLogTotalPerMinute, windowMs: MINUTE_MS }),
      };
    }
    return this.shared;
  }
}
