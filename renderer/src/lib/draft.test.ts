import { describe, expect, it } from 'vitest';
import agencies from '../../../resources/catalogue/agencies.json';
import items from '../../../resources/catalogue/items.json';
import lifeEvents from '../../../resources/catalogue/life-events.json';
import { validateDraft } from '../../../shared/cases/validateDraft';
import { formatCatalogueProblems, validateCatalogue } from '../../../shared/catalogue/validate';
import type { Catalogue } from './catalogue';
import { findLifeEvent } from './catalogue';
import { buildDraft, draftErrors, type DraftInput } from './draft';
import { initialFields } from './fieldWire';
import { syncItems } from './itemStates';
import { rowsFor, type ParticipantRow } from './participantRows';
import { stepOfPath, stepsOf, stepTitle } from './wizardSteps';

// The wizard's state → the contract's general draft, read from the shipped catalogue (no event is
// named in the code under test; these tests name them to check each bundle end to end).

const catalogue: Catalogue = (() => {
  const r = validateCatalogue({ agencies, items, lifeEvents });
  if (!r.ok) throw new Error(formatCatalogueProblems(r.problems));
  return r.catalogue;
})();
const TODAY = '2026-11-27';

function stateOf(code: string, fill: (rows: ParticipantRow[], fields: Record<string, unknown>) => void): DraftInput {
  const event = findLifeEvent(catalogue, code)!;
  const participants = rowsFor(event);
  const fields = initialFields(event, TODAY);
  fill(participants, fields);
  const base = { lifeEvent: code, participants, fields: fields as DraftInput['fields'], items: {}, documents: {} };
  return { ...base, items: syncItems(base, catalogue) };
}

describe('the wizard reads the life event definitions', () => {
  it('遷徙 keeps its four steps and sends the general draft the services accept', () => {
    const move = findLifeEvent(catalogue, 'move');
    expect(stepsOf(move).map((s) => stepTitle(s, move))).toEqual(['民眾資料', '遷徙資料', '通報機關', '確認儲存']);
    const s = stateOf('move', (rows, f) => {
      Object.assign(rows[0]!, { id: 'a123456789', name: '王小明', birthDate: '0790315', phone: '0912345678' });
      Object.assign(f, { oldAddress: '高雄市苓雅區四維三路2號', newAddress: '高雄市鳳山區光復路二段132號', hasHouseTaxBill: true });
    });
    const draft = buildDraft(s, catalogue);
    expect(draft.participants).toEqual([{ role: 'applicant', id: 'A123456789', name: '王小明', birthDate: '1990-03-15', phone: '0912345678' }]);
    expect(draft.fields).toMatchObject({ moveDate: TODAY, hasHouseTaxBill: true, newAddress: '高雄市鳳山區光復路二段132號' });
    // 稅單查證 follows the bill: forced off with the bill, forced on without it.
    expect(s.items.V01!.selected).toBe(false);
    expect(stateOf('move', () => undefined).items.V01!.selected).toBe(true);
    // The tax item's mailing address is prefilled from the new address.
    expect(s.items.N01!.fields.mailingAddress).toBe('高雄市鳳山區光復路二段132號');
  });

  it('steps follow the event: 文件檢核 only where the event keeps a checklist', () => {
    expect(stepsOf(findLifeEvent(catalogue, 'assistance'))).toEqual(['participants', 'fields', 'items', 'documents', 'review']);
    expect(stepsOf(findLifeEvent(catalogue, 'death'))).not.toContain('documents');
    expect(stepOfPath('participants[1].birthDate')).toBe('participants');
    expect(stepOfPath('fields.deathDate')).toBe('fields');
    expect(stepOfPath('documents.passbookCopy')).toBe('documents');
  });

  it('a blank optional participant (an unknown father) is not sent, and errors point at the row on screen', () => {
    const s = stateOf('birth', (rows, f) => {
      // rows: applicant, newborn, father (left blank), mother
      Object.assign(rows[0]!, { id: 'A123456789', name: '王小明', relation: 'father' });
      Object.assign(rows[1]!, { name: '王小寶', birthDate: '1151120' });
      Object.assign(rows[3]!, { name: '林美麗', birthDate: '1151125' }); // born after the newborn
      Object.assign(f, { deliveryDate: '1151120', birthCertificateNo: '出字第123號', hospital: '高雄醫院' });
    });
    const draft = buildDraft(s, catalogue);
    expect(draft.participants.map((p) => p.role)).toEqual(['applicant', 'newborn', 'mother']);
    const errors = draftErrors(s, catalogue, TODAY);
    // The validator says participants[2] (the third sent); on screen that is row 3, the mother.
    expect(errors.map((e) => e.path)).toContain('participants[3].birthDate');
    expect(errors.find((e) => e.path === 'participants[3].birthDate')?.message).toMatch(/母親出生日期/);
  });

  it('a death bundle typed in the wizard is valid, with conditional items forced by the event fields', () => {
    const s = stateOf('death', (rows, f) => {
      Object.assign(rows[0]!, { id: 'A123456789', name: '王小明', relation: 'child', phone: '0912345678', address: '高雄市鳳山區光復路二段132號' });
      Object.assign(rows[1]!, { id: 'F126459278', name: '王大同', birthDate: '0300101' });
      Object.assign(f, { deathDate: '1151101', deathCertificateNo: '高市衛字第1號', ownsVehicle: true, plates: 'abc-1234、XYZ-5678' });
    });
    expect(s.items.D05!.selected).toBe(true);
    expect(s.items.D02!.selected).toBe(false);
    expect(s.items.D05!.fields.plates).toBe('abc-1234、XYZ-5678'); // prefilled as typed; the validator normalises
    const draft = buildDraft(s, catalogue);
    const r = validateDraft(draft, catalogue, TODAY);
    expect(r.ok ? r.value.items.map((i) => [i.item.code, i.dueDate]) : r.errors).toEqual([
      ['D01', '2027-05-01'],
      ['D05', null],
      ['D06', null],
    ]);
  });
});

describe('event field defaults', () => {
  it('a date the law counts from starts empty; the move-in date starts as the visit day', () => {
    expect(initialFields(findLifeEvent(catalogue, 'move')!, TODAY).moveDate).toBe('115/11/27');
    expect(initialFields(findLifeEvent(catalogue, 'death')!, TODAY).deathDate).toBe('');
    expect(initialFields(findLifeEvent(catalogue, 'birth')!, TODAY).deliveryDate).toBe('');
  });
});

describe('the receiving office the clerk chose (issue 14 §1)', () => {
  it('goes out on the draft item with its reason, survives a changed field, and the save rule accepts it', () => {
    const s = stateOf('move', (rows, f) => {
      Object.assign(rows[0]!, { id: 'a123456789', name: '王小明', birthDate: '0790315', phone: '0912345678' });
      Object.assign(f, { oldAddress: '高雄市苓雅區四維三路2號', newAddress: '高雄市鳳山區光復路二段132號', hasHouseTaxBill: true });
    });
    const chosen = { ...s, items: { ...s.items, N04: { ...s.items.N04!, receiver: { agency: 'KH-LAND-DL', reason: '土地位於大寮地政轄區' } } } };
    // A later edit of the event fields re-syncs the items; the choice stays.
    const resynced = { ...chosen, items: syncItems({ ...chosen, fields: { ...chosen.fields, oldAddress: '高雄市苓雅區四維三路3號' } }, catalogue) };
    expect(resynced.items.N04!.receiver).toEqual({ agency: 'KH-LAND-DL', reason: '土地位於大寮地政轄區' });
    const n04 = buildDraft(resynced, catalogue).items?.find((i) => i.code === 'N04');
    expect(n04).toMatchObject({ agency: 'KH-LAND-DL', agencyReason: '土地位於大寮地政轄區' });
    expect(buildDraft(s, catalogue).items?.find((i) => i.code === 'N04')).not.toHaveProperty('agency');
  });
});
