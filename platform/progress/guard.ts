import { clientKeyOf } from './clientKey';
import { DEFAULT_PROGRESS_LIMITS, type ProgressLimits } from './limits';
import { RateLimiter } from './rateLimiter';

export type Admission = { refuseForS: number } | { delayMs: number };

/**
 * The lookup's limits in one place (see limits.ts): per client, per (case, client), and a slow-down
 * per case that grows with the case's recent wrong codes from everybody. A refusal only ever hits
 * the client that spent its own tries; the case itself is never locked.
 */
export class LookupGuard {
  private readonly perClient: RateLimiter;
  private readonly perCaseClient: RateLimiter;
  private readonly caseFailures: RateLimiter;

  constructor(private readonly limits: ProgressLimits) {
    this.perClient = new RateLimiter(limits.perIp, limits.maxKeys);
    this.perCaseClient = new RateLimiter(limits.perCase, limits.maxKeys);
    this.caseFailures = new RateLimiter(limits.perCase, limits.maxKeys);
  }

  /** Counts this try; says whether to refuse it (and for how long) or answer it after a delay. */
  admit(caseNo: string, ip: string, nowMs: number): Admission {
    const client = clientKeyOf(ip);
    const wait = this.perClient.hit(`client:${client}`, nowMs) || this.perCaseClient.hit(`${caseNo}|${client}`, nowMs);
    if (wait > 0) return { refuseForS: wait };
    return { delayMs: this.slowdownFor(this.caseFailures.count(caseNo, nowMs)) };
  }

  /** A wrong code or an unknown case (the same thing to the caller). */
  failed(caseNo: string, nowMs: number): void {
    this.caseFailures.record(caseNo, nowMs);
  }

  private slowdownFor(failures: number): number {
    const over = failures - this.limits.perCase.max;
    if (over <= 0) return 0;
    const { baseMs, maxMs } = this.limits.slowdown ?? DEFAULT_PROGRESS_LIMITS.slowdown!;
    return Math.min(maxMs, baseMs * 2 ** Math.min(over - 1, 30));
  }
}
