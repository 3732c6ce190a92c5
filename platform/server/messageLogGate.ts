import type { FastifyRequest } from 'fastify';
import { clientKeyOf } from '../progress/clientKey';
import { RateLimiter } from '../progress/rateLimiter';
import type { ResourceLimits } from './resourceLimits';

/** Every this many written rows, one page of expired rows is deleted (no separate scheduler needed). */
const PRUNE_EVERY = 500;
export const PRUNE_PAGE = 5000;

/**
 * What keeps the message log bounded (issue 13 finding 5). Each row is a durable (fsync'd) write, so
 * a flood of anonymous refused requests would cost a disk write each and grow the table forever:
 * such rows are written at most `unauthLogPerMinute` per client per minute (the rest are counted in
 * the process log), and rows older than `messageLogDays` are deleted a page at a time as new ones
 * arrive. Authenticated and successful requests are always logged.
 */
export class MessageLogGate {
  private readonly anonymousRefusals: RateLimiter;
  private writes = 0;
  suppressed = 0;

  constructor(private readonly limits: Pick<ResourceLimits, 'messageLogDays' | 'unauthLogPerMinute'>) {
    this.anonymousRefusals = new RateLimiter({ max: limits.unauthLogPerMinute, windowMs: 60_000 }, 100_000);
  }

  shouldWrite(req: FastifyRequest, status: number, nowMs: number): boolean {
    if (req.nin1.principal !== null || status < 400) return true;
    if (this.anonymousRefusals.hit(clientKeyOf(req.ip), nowMs) === 0) return true;
    this.suppressed++;
    return false;
  }

  /** The cut-off to prune before, when a prune is due after this write; else null. */
  pruneDue(nowMs: number): string | null {
    this.writes++;
    return this.writes % PRUNE_EVERY === 1 ? new Date(nowMs - this.limits.messageLogDays * 86_400_000).toISOString() : null;
  }
}
