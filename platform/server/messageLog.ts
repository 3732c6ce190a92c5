import type { FastifyRequest } from 'fastify';
import type { PlatformDeps } from './deps';
import { PRUNE_PAGE } from './messageLogGate';

/**
 * Writes the request's message-log line (X-Road style): request id, message ids, caller, target,
 * route, status, body hash and size, duration. A failure to log is reported, never turned into a
 * failed request (the request's own work is already committed).
 */
export async function writeMessageLog(deps: PlatformDeps, req: FastifyRequest, status: number): Promise<void> {
  const s = req.nin1;
  const now = deps.clock.now();
  try {
    if (!(await deps.messageLog.shouldWrite(req, status, now.getTime(), deps.store.rateWindows))) return;
    await deps.store.logMessage({
      at: now.toISOString(),
      requestId: req.id,
      messageIds: s.messageIds,
      client: s.principal?.subject ?? null,
      clientKind: s.principal?.kind ?? null,
      ip: req.ip,
      method: req.method,
      route: req.routeOptions.url ?? 'unmatched',
      target: s.target,
      status,
      errorCode: s.errorCode,
      bodySha256: s.bodySha256,
      bodyBytes: s.bodyBytes,
      durationMs: Number(process.hrtime.bigint() - s.startedNs) / 1e6,
    });
    const before = deps.messageLog.pruneDue(now.getTime());
    if (before) {
      const pruned = await deps.store.pruneMessages(before, PRUNE_PAGE);
      if (pruned > 0 || deps.messageLog.suppressed > 0) deps.logger.info({ pruned, before, suppressedAnonymousRefusals: deps.messageLog.suppressed }, 'message log pruned');
    }
  } catch (e) {
    deps.logger.error({ requestId: req.id, err: (e as Error).message }, 'message log write failed');
  }
}
