import { randomFengshanAddress } from './addresses';
import { bundleItems } from './bundleItems';
import type { DemoDraftMaker } from './lifeEventMix';
import { birthDateAged, isoDaysBefore, randomBankAccount, randomMobile, randomName, randomNationalId } from './people';
import { pick } from './random';

const HOSPITALS = ['高雄市立聯合醫院', '高雄長庚紀念醫院', '高雄市立鳳山醫院', '高雄醫學大學附設中和紀念醫院', '鳳山區婦產科診所'];
/**
 * Twins or more: about 2–3 % of deliveries in Taiwan (assisted reproduction is common). One birth in
 * TWINS_EVERY, counted rather than drawn, so even a small demo shows one (its first birth).
 */
const TWINS_EVERY = 33;

/**
 * A 出生 visit within the 60 days 戶籍法 §48 allows: the newborn (twins rarely), both parents (the
 * father unknown now and then), and the applicant, usually a parent. The mother mostly worked
 * (勞保) or else was in 國民年金; the family looks after the child itself or uses public childcare.
 */
export const demoBirthDraft: DemoDraftMaker = (ctx, rand, when, { nth }) => {
  const home = randomFengshanAddress(rand);
  const deliveryDate = isoDaysBefore(when, 3 + Math.floor(rand() * 53));
  const delivered = new Date(`${deliveryDate}T00:00:00Z`);
  const hasFather = rand() < 0.95;
  const father = { role: 'father', id: randomNationalId(rand), name: randomName(rand), birthDate: birthDateAged(rand, delivered, 22, 48) };
  const mother = { role: 'mother', id: randomNationalId(rand), name: randomName(rand), birthDate: birthDateAged(rand, delivered, 19, 43) };
  const surname = (hasFather ? father : mother).name.slice(0, 1);
  const newborns = Array.from({ length: nth % TWINS_EVERY === 1 ? 2 : 1 }, () => ({ role: 'newborn', name: surname + randomName(rand).slice(1), birthDate: deliveryDate }));
  const by = hasFather && rand() < 0.6 ? father : rand() < 0.85 ? mother : null;
  const applicant = by
    ? { role: 'applicant', id: by.id, name: by.name, relation: by === father ? 'father' : 'mother', phone: randomMobile(rand), address: home }
    : { role: 'applicant', id: randomNationalId(rand), name: randomName(rand), relation: 'grandparent', phone: randomMobile(rand), address: home };
  const motherLaborInsured = rand() < 0.65;
  const fields = {
    deliveryDate,
    birthCertificateNo: `高市婦字第115${String(Math.floor(rand() * 1e7)).padStart(7, '0')}號`,
    hospital: pick(rand, HOSPITALS),
    childcare: rand() < 0.55 ? '家長自行照顧' : rand() < 0.7 ? '送托公共化或準公共托育' : '尚未決定',
    motherLaborInsured,
    motherNationalPension: !motherLaborInsured && rand() < 0.5,
    bankAccount: randomBankAccount(rand),
  };
  const participants = [applicant, ...newborns, ...(hasFather ? [father] : []), mother];
  const items = bundleItems(ctx.catalogue, 'birth', participants, fields, { B01: { dependentOf: hasFather && rand() < 0.3 ? '父' : '母' } });
  return { lifeEvent: 'birth', participants, fields, items };
};
