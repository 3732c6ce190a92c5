import { randomFengshanAddress } from './addresses';
import { bundleItems } from './bundleItems';
import type { DemoDraftMaker } from './lifeEventMix';
import { birthDateAged, isoDaysBefore, randomBankAccount, randomMobile, randomName, randomNationalId } from './people';
import { pick } from './random';

const PLACES = ['高雄市立鳳山醫院', '高雄長庚紀念醫院', '高雄榮民總醫院', '高雄醫學大學附設中和紀念醫院', '住家'];
const SECTIONS = ['鳳山段一小段', '鳳山段二小段', '五甲段', '過埤段', '赤山段'];
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

const plate = (rand: () => number): string =>
  Array.from({ length: 3 }, () => pick(rand, PLATE_LETTERS.split(''))).join('') + '-' + String(1000 + Math.floor(rand() * 9000));

/**
 * A 家人身後事 visit: a family member registers a death within the 30 days 戶籍法 §14 allows. About
 * half the deceased own a house (the 自有住宅率 of the elderly is high), fewer land or a vehicle; some
 * were insured or drew subsidies, a few lived in a low-income household.
 */
export const demoDeathDraft: DemoDraftMaker = (ctx, rand, when) => {
  const home = randomFengshanAddress(rand);
  const surname = randomName(rand).slice(0, 1);
  const deceased = { role: 'deceased', id: randomNationalId(rand), name: surname + randomName(rand).slice(1), birthDate: birthDateAged(rand, when, 55, 96), address: home };
  const relation = pick(rand, ['child', 'child', 'child', 'spouse', 'spouse', 'sibling', 'grandchild']);
  const applicant = { role: 'applicant', id: randomNationalId(rand), name: randomName(rand), relation, phone: randomMobile(rand), address: rand() < 0.7 ? home : randomFengshanAddress(rand) };
  const ownsHouse = rand() < 0.55;
  const ownsLand = rand() < 0.35;
  const ownsVehicle = rand() < 0.3;
  const lowIncomeHousehold = rand() < 0.06;
  const fields = {
    deathDate: isoDaysBefore(when, Math.floor(rand() * 26)),
    deathCertificateNo: `高市鳳醫字第115${String(Math.floor(rand() * 1e7)).padStart(7, '0')}號`,
    deathPlace: pick(rand, PLACES),
    ownsHouse,
    ...(ownsHouse ? { houseAddress: home } : {}),
    ownsLand,
    ...(ownsLand ? { parcels: Array.from({ length: 1 + Math.floor(rand() * 2) }, () => `${pick(rand, SECTIONS)}${1 + Math.floor(rand() * 900)}地號`) } : {}),
    ownsVehicle,
    ...(ownsVehicle ? { plates: Array.from({ length: rand() < 0.2 ? 2 : 1 }, () => plate(rand)) } : {}),
    laborInsured: rand() < 0.3,
    nationalPension: rand() < 0.25,
    lowIncomeHousehold,
    hadSubsidies: rand() < 0.35,
    ...(lowIncomeHousehold || rand() < 0.8 ? { bankAccount: randomBankAccount(rand) } : {}),
  };
  const participants = [applicant, deceased];
  const items = bundleItems(ctx.catalogue, 'death', participants, fields, { D10: { subsidyKinds: pick(rand, ['中低收入老人生活津貼', '身心障礙者生活補助', '老人健保費補助']) } });
  return { lifeEvent: 'death', participants, fields, items };
};
