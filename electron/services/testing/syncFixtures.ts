// Fixtures for sync tests: a counter database with queued cases, and an engine pointed at a platform.
import { createCase } from '../cases/createCase';
import type { Clock } from '../clock';
import { recordConsentException } from '../consent/exceptions';
import type { ServiceContext } from '../context';
import { createPlatformClient } from '../platform-client/client';
import { saveCredential } from '../sync/credentials';
import { createSyncEngine, type SyncEngine, type SyncOptions } from '../sync/engine';
import { moveDraft, seedClerk } from './fixtures';

/** Fast, deterministic settings: small timeouts and backoff, no randomness. */
export const TEST_SYNC_OPTIONS: Partial<SyncOptions> = {
  requestTimeoutMs: 800,
  pollMs: 200,
  pushPollMs: 5_000,
  tickMs: 20,
  backoff: { baseMs: 50, maxMs: 400, random: () => 0.5 },
  push: false,
};

/**
 * Saves `cases` 遷徙 cases (5 notifications each) through the real service, with their consent
 * settled (a recorded exception per agency) so they may leave the outbox: sync tests are about sync.
 */
export function queueCases(ctx: ServiceContext, cases: number, draft = moveDraft()): void {
  const hasClerk = ctx.db.prepare("SELECT COUNT(*) FROM users WHERE username = 'clerk'").pluck().get() as number;
  const actor = hasClerk ? clerkActor(ctx) : seedClerk(ctx);
  const agencies = [...new Set(draft.items.map((i) => ctx.catalogue.items.find((c) => c.code === i.code)?.receiverAgency).filter((a): a is string => !!a))];
  for (let i = 0; i < cases; i++) {
    const { caseNo } = createCase(ctx, actor, draft);
    for (const agency of agencies) recordConsentException(ctx, actor, caseNo, agency, '測試：簽名同意書另行歸檔');
  }
}

function clerkActor(ctx: ServiceContext) {
  const id = ctx.db.prepare("SELECT id FROM users WHERE username = 'clerk'").pluck().get() as number;
  return { user: { id, username: 'clerk', displayName: '王怡君', role: 'counter_clerk' as const, officeCode: ctx.config.officeCode }, workstation: 'FS01-W01', ip: null };
}

export function enrolTestWorkstation(ctx: ServiceContext, url: string, token = 'test-token'): void {
  saveCredential(ctx.db, { kind: 'workstation', agencyCode: null, clientId: ctx.config.workstationId, url, token, expiresAt: '2099-01-01T00:00:00.000Z', enrolledAt: ctx.clock.now().toISOString() });
}

export function engineFor(ctx: ServiceContext, url: string, options: Partial<SyncOptions> = {}, extra: { clock?: Clock; token?: string } = {}): SyncEngine {
  const client = createPlatformClient({ baseUrl: url, token: extra.token ?? 'test-token', logger: ctx.logger });
  const { officeCode, workstationId, agencyCode } = ctx.config;
  return createSyncEngine({
    db: ctx.db, client, clock: extra.clock ?? ctx.clock, logger: ctx.logger, identity: { officeCode, workstationId, agencyCode },
    options: { ...TEST_SYNC_OPTIONS, ...options },
  });
}

export const outboxStates = (ctx: ServiceContext): Record<string, number> =>
  Object.fromEntries((ctx.db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));

/** Polls `check` until true (for loops running in the background), failing after `ms`. */
export async function until(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
