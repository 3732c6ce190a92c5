import type { CaseDraft } from '../../../shared/cases/schema';
import { prefillItemFields } from '../../../shared/cases/prefill';
import { isoFromDate } from '../../../shared/validators';
import { ROLE_LABEL, type Role } from '../../../shared/auth/roles';
import { appendAudit } from '../audit/audit';
import { sharedPasswordHash } from '../auth/sharedHash';
import { createUser, ensureOffice } from '../auth/users';
import { createCase } from '../cases/createCase';
import { exceptDemoCasesBefore } from '../consent/demoConsent';
import type { Actor, ServiceContext } from '../context';
import { randomFengshanAddress, randomOriginAddress } from './addresses';
import { randomBirthDate, randomMobile, randomName, randomNationalId } from './people';
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
 * How often each move item is ticked, from seed 000 table 4-17 (鳳一 pilot, 97.09.01–10.30):
 * of 44 four-in-one filings, 29 licence/registration address changes (監理), 10 tax-bill address
 * changes, 5 land-title address changes, 0 disability-card changes (we keep a trickle so the item
 * shows up), and 54 house-owner checks that used to be faxed (檢證 V01: citizen had no tax bill).
 */
const ITEM_RATES: Record<string, number> = { N08: 29 / 44, N01: 10 / 44, N04: 5 / 44, N02: 2 / 44, N09: 1 / 44 };
const VERIFICATION_SHARE = 54 / (54 + 44);

/** Demo office, clerks and a few hundred past 遷徙 cases over the last `days` days, saved through the real service. */
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
  })();

  const move = ctx.catalogue.lifeEvents.find((e) => e.code === 'move');
  if (!move) throw new Error('catalogue has no 遷徙 (move) life event');
  const today = Math.min(TODAY_CASES, total);
  for (let i = 0; i < total; i++) {
    const when = demoCaseTime(i, total - today, days, now, rand);
    createCase({ ...ctx, clock: { now: () => when } }, actors[i % actors.length]!, demoDraft(ctx, rand, when));
  }
  exceptDemoCasesBefore(ctx, isoFromDate(now)); // past cases predate scanning; today's await their scans
  return { users: DEMO_USERS.length, cases: total };
}

/** The last few cases are from this morning, so the home queue is not empty on a fresh demo. */
const TODAY_CASES = 6;

/**
 * Past cases spread over office hours (08–16 Taipei = 00–08 UTC) of the last `days` days, oldest
 * first; cases from index `past` on are minutes ago today.
 */
function demoCaseTime(i: number, past: number, days: number, now: Date, rand: () => number): Date {
  if (i >= past) return new Date(now.getTime() - (past + TODAY_CASES - i) * 9 * 60_000);
  const dayOffset = days - Math.floor((i / past) * days);
  const when = new Date(now.getTime() - dayOffset * 86_400_000);
  when.setUTCHours(Math.floor(rand() * 8), Math.floor(rand() * 60), Math.floor(rand() * 60));
  return when;
}

function demoDraft(ctx: ServiceContext, rand: () => number, when: Date): CaseDraft {
  const person = { id: randomNationalId(rand), name: randomName(rand), birthDate: randomBirthDate(rand, when), phone: randomMobile(rand) };
  const move = { oldAddress: randomOriginAddress(rand), newAddress: randomFengshanAddress(rand), moveDate: when.toISOString().slice(0, 10) };
  const hasHouseTaxBill = rand() >= VERIFICATION_SHARE;
  const codes = Object.entries(ITEM_RATES).filter(([, rate]) => rand() < rate).map(([code]) => code);
  if (hasHouseTaxBill && codes.length === 0) codes.push('N08');
  if (!hasHouseTaxBill) codes.push('V01');
  const event = ctx.catalogue.lifeEvents.find((e) => e.code === 'move')!;
  const source = { participants: [{ role: 'applicant', ...person }], fields: { ...move, hasHouseTaxBill } };
  const items = codes.map((code) => {
    const item = ctx.catalogue.items.find((it) => it.code === code)!;
    const fields = prefillItemFields(item, event, source);
    if (code === 'N02') fields.landLocation = '鳳山區鳳山段一小段123地號';
    if (code === 'N08') fields.noViolationChecked = true;
    if (code === 'V01') fields.houseOwner = person.name;
    return { code, fields };
  });
  return { lifeEvent: 'move', person, ...move, hasHouseTaxBill, items };
}
