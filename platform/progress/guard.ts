import { clientKeyOf } from './clientKey';
import { DEFAULT_PROGRESS_LIMITS, type ProgressLimits } from './limits';
import { RateLimiter } from './rateLimiter';
import type { RateRule } from './limits';
import type { RateCounter } from './sharedRateLimiter';

/** Makes the counter of one of the guard's limits (`name`: perClient, perCaseClient, caseFailures). */
export type CounterFactory = (name: string, rule: RateRule) => RateCounter;

export type Admission = { refuseForS: number } | { delayMs: number };

/**
 * The lookup's limits in one place (see limits.ts): per client, per (case, client), and a slow-down
 * per case that grows with the case's recent wrong codes from everybody. A refusal only ever hits
 * the client that spent its own tries; the case itself is never locked. Counted in this process's
 * memory unless `counters` says otherwise (the shared database when several nodes serve one county).
 */
export class LookupGuard {
  private readonly perClient: RateCounter;
  private readonly perCaseClient: RateCounter;
  private readonly caseFailures: RateCounter;

  constructor(
    private readonly limits: ProgressLimits,
    counters: CounterFactory = (_name, rule) => new RateLimiter(rule, limits.maxKeys),
  ) {
    this.perClient = counters('progress-client', limits.perIp);
    this.perCaseClient = counters('progress-case-client', limits.perCase);
    this.caseFailures = counters('progress-case-failures', limits.perCase);
  }

  /** Counts this try; says whether to refuse it (and for how long) or answer it after a delay. */
  async admit(caseNo: string, ip: string, nowMs: number): Promise<Admission> {
    const client = clientKeyOf(ip);
    const wait = (await this.perClient.hit(`client:${client}`, nowMs)) || (await this.perCaseClient.hit(`${caseNo}|${client}`, nowMs));
    if (wait > 0) return { refuseForS: wait };
    return { delayMs: this.slowdownFor(await this.caseFailures.count(caseNo, nowMs)) };
  }

  /** A wrong code or an unknown case (the same thing to the caller). */
  async failed(caseNo: string, nowMs: number): Promise<void> {
    await this.caseFailures.record(caseNo, nowMs);
  }

  private slowdownFor(failures: number): number {
    const over = failures - this.limits.perCase.max;
    if (over <= 0) return 0;
    const { baseMs, maxMs } = this.limits.slowdown ?? DEFAULT_PROGRESS_LIMITS.slowdown!;
    return Math.min(maxMs, baseMs * 2 ** Math.min(over - 1, 30));
  }
}
