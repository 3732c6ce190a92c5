import { evaluateCondition } from '../../../shared/cases/conditions';
import { randomFengshanAddress } from './addresses';
import { bundleItems } from './bundleItems';
import type { DemoDraftMaker } from './lifeEventMix';
import { birthDateAged, randomBankAccount, randomMobile, randomName, randomNationalId } from './people';
import { pick } from './random';

const SUBSIDIES = ['低收入戶', '低收入戶', '中低收入戶', '中低收入戶', '中低收入老人生活津貼', '身心障礙者生活補助', '中低收入戶兒童及少年生活扶助'];
/** Household members by relation to the applicant, with the 稱謂 the family uses and an age range. */
const MEMBERS = [
  { relation: 'spouse', title: '配偶', ages: [25, 80] },
  { relation: 'child', title: '長子', ages: [1, 30] },
  { relation: 'child', title: '長女', ages: [1, 30] },
  { relation: 'child', title: '次子', ages: [1, 25] },
  { relation: 'father', title: '父', ages: [50, 90] },
  { relation: 'mother', title: '母', ages: [50, 90] },
  { relation: 'grandchild', title: '孫子', ages: [1, 15] },
] as const;
/** Visits in the last `RECENT_DAYS` may still wait for a document (待補件); older ones were completed at the counter. */
const RECENT_DAYS = 30;
const MISSING_SHARE = 0.45;

/**
 * A 救生圈 visit (seed 000 case 1): the household entered once, the checklist marked document by
 * document — what an agency can provide is spared, the rest brought or, for recent visits now and
 * then, still missing, so the case waits in 待補件.
 */
export const demoAssistanceDraft: DemoDraftMaker = (ctx, rand, when, { now }) => {
  const home = randomFengshanAddress(rand);
  const applicant = { role: 'applicant', id: randomNationalId(rand), name: randomName(rand), birthDate: birthDateAged(rand, when, 25, 80), phone: randomMobile(rand), address: home };
  const members = Array.from({ length: Math.floor(rand() * 5) }, () => {
    const m = pick(rand, MEMBERS);
    return { role: 'member', id: randomNationalId(rand), name: randomName(rand), relation: m.relation, title: m.title, birthDate: birthDateAged(rand, when, m.ages[0], m.ages[1]) };
  });
  const fields = {
    subsidy: pick(rand, SUBSIDIES),
    // The demo office is a 戶政事務所, so its visits are taken there (A01 forwards them to the 公所);
    // a 區公所 visit (A02 asks 戶政) is sent by a 公所 workstation, which the platform checks.
    takenAt: '戶政事務所',
    bankAccount: randomBankAccount(rand),
    monthlyIncome: 1000 * Math.floor(8 + rand() * 30),
    byProxy: rand() < 0.1,
    studentsInHousehold: members.some((m) => m.relation === 'child' || m.relation === 'grandchild') && rand() < 0.6,
  };
  const participants = [applicant, ...members];
  const items = bundleItems(ctx.catalogue, 'assistance', participants, fields, { V03: { scope: '全部', householdSize: participants.length } });
  const event = ctx.catalogue.lifeEvents.find((e) => e.code === 'assistance')!;
  const mayMiss = now.getTime() - when.getTime() < RECENT_DAYS * 86_400_000 && rand() < MISSING_SHARE;
  const brought = event.documents.filter((d) => evaluateCondition(d.when, fields) && !d.spareable);
  const missing = mayMiss && brought.length > 0 ? pick(rand, brought).code : null;
  const documents = event.documents
    .filter((d) => evaluateCondition(d.when, fields))
    .map((d) => ({ code: d.code, status: d.code === missing ? ('missing' as const) : d.spareable && rand() < 0.9 ? ('spared' as const) : ('present' as const) }));
  return { lifeEvent: 'assistance', participants, fields, items, documents };
};
