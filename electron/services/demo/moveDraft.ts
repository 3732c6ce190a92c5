import { randomFengshanAddress, randomOriginAddress } from './addresses';
import { bundleItems } from './bundleItems';
import type { DemoDraftMaker } from './lifeEventMix';
import { randomBirthDate, randomMobile, randomName, randomNationalId } from './people';

/**
 * How often each move item is ticked, from seed 000 table 4-17 (鳳一 pilot, 97.09.01–10.30):
 * of 44 four-in-one filings, 29 licence/registration address changes (監理), 10 tax-bill address
 * changes, 5 land-title address changes, 0 disability-card changes (we keep a trickle so the item
 * shows up), and 54 house-owner checks that used to be faxed (檢證 V01: citizen had no tax bill).
 */
const ITEM_RATES: Record<string, number> = { N08: 29 / 44, N01: 10 / 44, N04: 5 / 44, N02: 2 / 44, N09: 1 / 44 };
const VERIFICATION_SHARE = 54 / (54 + 44);

/** A 遷徙 visit on `when`: the clerk unticks what the citizen does not need, in table 4-17's proportions. */
export const demoMoveDraft: DemoDraftMaker = (ctx, rand, when) => {
  const person = { id: randomNationalId(rand), name: randomName(rand), birthDate: randomBirthDate(rand, when), phone: randomMobile(rand) };
  const fields = { oldAddress: randomOriginAddress(rand), newAddress: randomFengshanAddress(rand), moveDate: when.toISOString().slice(0, 10), hasHouseTaxBill: rand() >= VERIFICATION_SHARE };
  const codes = Object.entries(ITEM_RATES).filter(([, rate]) => rand() < rate).map(([code]) => code);
  if (fields.hasHouseTaxBill && codes.length === 0) codes.push('N08');
  const participants = [{ role: 'applicant', ...person }];
  const typed = {
    N02: { landLocation: '鳳山區鳳山段一小段123地號' },
    N08: { noViolationChecked: true },
    V01: { houseOwner: person.name },
  };
  // V01 is forced by the missing tax bill; the rest are the ones this citizen needs.
  const items = bundleItems(ctx.catalogue, 'move', participants, fields, typed).filter((i) => i.code === 'V01' || codes.includes(i.code));
  return { lifeEvent: 'move', participants, fields, items };
};
