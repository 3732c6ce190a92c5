import { isoFromDate } from '../../../shared/validators';
import { ROLE_LABEL, type Role } from '../../../shared/auth/roles';
import { appendAudit } from '../audit/audit';
import { sharedPasswordHash } from '../auth/sharedHash';
import { createUser, ensureOffice } from '../auth/users';
import { createCase } from '../cases/createCase';
import { exceptDemoCasesBefore } from '../consent/demoConsent';
import type { Actor, ServiceContext } from '../context';
import { demoAssistanceDraft } from './assistanceDraft';
import { demoBirthDraft } from './birthDraft';
import { demoDeathDraft } from './deathDraft';
import { pickLifeEvent, type DemoDraftMaker, type DemoLifeEvent } from './lifeEventMix';
import { demoMoveDraft } from './moveDraft';
import { seededRandom } from './random';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'clerk', displayName: '王怡君', role: 'counter_clerk' },
  { username: 'clerk2', displayName: '林志明', role: 'counter_clerk' },
  { username: 'scanner', displayName: '黃淑芬', role: 'scanning_clerk' },
  { username: 'supervisor', displayName: '陳美玲', role: 'supervisor' },
  { username: 'admin', displayName: '張建宏', role: 'system_admin' },
];

/**
 * Demo office, clerks and a few hundred past cases of every life event over the last `days` days
 * (shares in lifeEventMix.ts), saved through the real service as a clerk would.
 */
export function seedDemo(ctx: ServiceContext, options: { cases?: number; days?: number; seed?: number } = {}): { users: number; cases: number } {
  const total = options.cases ?? 300;
  const days = options.days ?? 120;
  const rand = seededRandom(options.seed ?? 20081030);
  const now = ctx.clock.now();
  const at = now.toISOString();

  const actors: Actor[] = [];
  ctx.db.transaction(() => {
    ensureOffice(ctx.db, ctx.config.officeCode, ctx.config.officeName);
    for (const u of DEMO_USERS) {
      const id = createUser(ctx.db, { ...u, officeCode: ctx.config.officeCode, passwordHash: sharedPasswordHash(DEMO_PASSWORD) }, at);
      appendAudit(ctx.db, { at, actorId: null, actor: 'seed-demo', action: 'account.create', detail: { username: u.username, role: ROLE_LABEL[u.role] } });
      if (u.role === 'counter_clerk') actors.push({ user: { id, username: u.username, displayName: u.displayName, role: u.role, officeCode: ctx.config.officeCode }, workstation: ctx.config.workstationId, ip: null });
    }
  }).immediate();

  const today = Math.min(TODAY_CASES, total);
  const seen = new Map<DemoLifeEvent, number>();
  for (let i = 0; i < total; i++) {
    const past = i < total - today;
    const when = demoCaseTime(i, total - today, days, now, rand);
    // This morning's cases are 遷徙, the majority anyway: the scanning demo prints and scans their forms.
    const event = past ? pickLifeEvent(rand) : 'move';
    const nth = (seen.get(event) ?? 0) + 1;
    seen.set(event, nth);
    createCase({ ...ctx, clock: { now: () => when } }, actors[i % actors.length]!, DRAFTS[event](ctx, rand, when, { now, nth }));
  }
  exceptDemoCasesBefore(ctx, isoFromDate(now)); // past cases predate scanning; today's await their scans
  return { users: DEMO_USERS.length, cases: total };
}

const DRAFTS: Record<DemoLifeEvent, DemoDraftMaker> = {
  move: demoMoveDraft,
  death: demoDeathDraft,
  birth: demoBirthDraft,
  assistance: demoAssistanceDraft,
};

/** The last few cases are from this morning, so the home queue is not empty on a fresh demo. */
const TODAY_CASES = 6;
const TAIPEI_OFFSET_MS = 8 * 3_600_000;

/**
 * Past cases spread over office hours (08–16 Taipei = 00–08 UTC) of the last `days` days, oldest
 * first; cases from index `past` on are minutes ago today.
 */
function demoCaseTime(i: number, past: number, days: number, now: Date, rand: () => number): Date {
  if (i >= past) {
    // Minutes ago, but never before Taipei midnight: a demo made at 00:20 still has its cases "today".
    const sinceMidnight = (now.getTime() + TAIPEI_OFFSET_MS) % 86_400_000;
    const step = Math.min(9 * 60_000, Math.floor(sinceMidnight / (TODAY_CASES + 1)));
    return new Date(now.getTime() - (past + TODAY_CASES - i) * step);
  }
  const dayOffset = days - Math.floor((i / past) * days);
  const when = new Date(now.getTime() - dayOffset * 86_400_000);
  when.setUTCHours(Math.floor(rand() * 8), Math.floor(rand() * 60), Math.floor(rand() * 60));
  return when;
}
