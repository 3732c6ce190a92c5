import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prefillItemFields } from '../cases/prefill';
import type { FieldValue } from '../cases/schema';
import { validateDraft } from '../cases/validateDraft';
import { formatCatalogueProblems, validateCatalogue } from './validate';
import type { Catalogue, LifeEvent } from './schema';

// The shipped bundles of issue 12 (death, birth, assistance), checked as data and through the one
// draft validator the wizard and the services share, so a catalogue edit that breaks a bundle fails here.

const dir = new URL('../../resources/catalogue/', import.meta.url);
const read = (f: string): unknown => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));

const catalogue: Catalogue = (() => {
  const r = validateCatalogue({ agencies: read('agencies.json'), items: read('items.json'), lifeEvents: read('life-events.json') });
  if (!r.ok) throw new Error(formatCatalogueProblems(r.problems));
  return r.catalogue;
})();
const event = (code: string): LifeEvent => catalogue.lifeEvents.find((e) => e.code === code)!;
const agencyOf = (item: string) => catalogue.items.find((i) => i.code === item)!.receiverAgency;
const TODAY = '2025-09-10';

const deathDraft = (over: { deceasedBirth?: string; fields?: Record<string, unknown> } = {}) => ({
  lifeEvent: 'death',
  participants: [
    { role: 'applicant', id: 'A123456789', name: '王小明', relation: 'child', phone: '0912345678', address: '高雄市鳳山區光復路二段120號' },
    { role: 'deceased', id: 'F131104093', name: '王大同', birthDate: over.deceasedBirth ?? '1940-03-02' },
  ],
  fields: {
    deathDate: '2025-08-31', deathCertificateNo: '高市衛字第1140012345號',
    ownsHouse: true, houseAddress: '高雄市鳳山區光復路二段120號',
    ownsLand: true, parcels: ['鳳山段一小段123地號'],
    ownsVehicle: true, plates: ['ABC-1234'],
    laborInsured: true, nationalPension: true, lowIncomeHousehold: true, hadSubsidies: true,
    bankAccount: '700-00012345678901',
    ...over.fields,
  },
  items: event('death').items.map((r) => ({ code: r.item, fields: r.item === 'D07' ? { claimKind: '被保險人本人死亡（喪葬津貼、遺屬年金）' } : {} })),
});

/** Item payloads as the wizard sends them: prefilled from the participants and fields (`from`). */
const prefilled = (draft: ReturnType<typeof deathDraft>) => ({
  ...draft,
  items: draft.items.map((entry) => {
    const item = catalogue.items.find((i) => i.code === entry.code)!;
    const source = { participants: draft.participants, fields: draft.fields as Record<string, FieldValue> };
    return { code: entry.code, fields: { ...prefillItemFields(item, event(draft.lifeEvent), source), ...entry.fields } };
  }),
});

describe('death 家人身後事 (seed 002 表7)', () => {
  it('death registration notifies at least 8 matters across at least 6 agencies', () => {
    const death = event('death');
    const agencies = new Set(death.items.map((r) => agencyOf(r.item)));
    expect(death.items.length).toBeGreaterThanOrEqual(8);
    expect(agencies.size).toBeGreaterThanOrEqual(6);
    expect(death.participants.map((p) => p.role)).toEqual(['applicant', 'deceased']);
    for (const kind of ['national-tax', 'tax', 'land', 'motor', 'health-insurance', 'labor-insurance', 'township', 'social']) {
      expect(death.items.some((r) => catalogue.agencies.find((a) => a.code === agencyOf(r.item))?.kind === kind), kind).toBe(true);
    }
  });

  it('every legal deadline cites its law, and the 後續辦理時程 holds the 30-day, 3-month, 6-month and 1-year matters', () => {
    const death = event('death');
    const deadlines = [...death.items.flatMap((r) => (r.deadline ? [r.deadline] : [])), ...death.schedule.flatMap((s) => (s.deadline ? [s.deadline] : []))];
    for (const d of deadlines) expect(d.basis).toMatch(/第\d+條|seed/);
    const periods = new Set(death.schedule.flatMap((s) => (s.deadline ? [`${s.deadline.days ?? ''}d${s.deadline.months ?? ''}m${s.deadline.years ?? ''}y`] : [])));
    expect([...periods]).toEqual(expect.arrayContaining(['30dmy', 'd3my', 'd6my', 'dm1y']));
    // Table 7 has 37 rows; rows 1 and 2 (相驗, 死亡證明書) come before the visit, every other row is on the schedule.
    const rows = new Set(death.schedule.flatMap((s) => [...(s.note ?? '').matchAll(/第([\d、]+)項/g)].flatMap((m) => m[1]!.split('、').map(Number))));
    for (let row = 3; row <= 37; row++) expect(rows.has(row), `表7 第${row}項`).toBe(true);
  });

  it('a full death draft validates, each item due by 民法 §121 from the date of death', () => {
    const r = validateDraft(prefilled(deathDraft()), catalogue, TODAY);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const due = Object.fromEntries(r.value.items.map((i) => [i.item.code, i.dueDate]));
    expect(due).toMatchObject({ D01: '2026-02-28', D04: '2026-02-28', D07: '2030-08-31', D08: '2030-08-31', D09: '2025-11-30', D06: null });
    expect(new Set(r.value.items.map((i) => i.item.receiverAgency)).size).toBe(8);
    expect(r.value.documentsSpared).toBeGreaterThanOrEqual(10);
  });

  it('a deceased born after the date of death is refused, naming the field', () => {
    const r = validateDraft(prefilled(deathDraft({ deceasedBirth: '2025-09-01' })), catalogue, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual({ path: 'participants[1].birthDate', code: 'RULE_DATE_ORDER', message: '亡者出生日期不可晚於死亡日期' });
  });

  it('a vehicle the deceased owned brings the 監理 item with its plates; without one the item is refused', () => {
    const none = deathDraft({ fields: { ownsVehicle: false, plates: [] } });
    const r = validateDraft(prefilled(none), catalogue, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual(expect.objectContaining({ path: 'items.D05', code: 'ITEM_NOT_NEEDED' }));
    const noPlates = validateDraft(prefilled(deathDraft({ fields: { plates: [] } })), catalogue, TODAY);
    expect(noPlates.ok).toBe(false);
    if (!noPlates.ok) expect(noPlates.errors).toContainEqual(expect.objectContaining({ path: 'items.D05.plates', code: 'FIELD_REQUIRED' }));
  });
});

describe('birth 出生 (送子鳥)', () => {
  const birthDraft = (motherBirth: string) => ({
    lifeEvent: 'birth',
    participants: [
      { role: 'applicant', id: 'A123456789', name: '陳志明', relation: 'father', address: '高雄市鳳山區光復路二段120號' },
      { role: 'newborn', name: '陳小寶', birthDate: '2025-09-01' },
      { role: 'father', id: 'A123456789', name: '陳志明', birthDate: '1990-01-15' },
      { role: 'mother', id: 'Z223456782', name: '林美華', birthDate: motherBirth },
    ],
    fields: {
      deliveryDate: '2025-09-01', birthCertificateNo: '第1140901號', hospital: '高雄市立鳳山醫院',
      childcare: '家長自行照顧', motherLaborInsured: true, bankAccount: '700-00012345678901',
    },
    items: [
      { code: 'B01', fields: { newbornName: '陳小寶', deliveryDate: '2025-09-01', dependentOf: '母', motherName: '林美華', fatherName: '陳志明', mailingAddress: '高雄市鳳山區光復路二段120號' } },
      { code: 'B02', fields: { newbornName: '陳小寶', deliveryDate: '2025-09-01', applicantName: '陳志明', applicantId: 'A123456789', payeeAccount: '700-00012345678901' } },
      { code: 'B04', fields: { motherName: '林美華', motherId: 'Z223456782', deliveryDate: '2025-09-01', newbornName: '陳小寶' } },
      { code: 'B06', fields: { newbornName: '陳小寶', deliveryDate: '2025-09-01', motherName: '林美華' } },
    ],
  });

  it('a birth draft with the newborn, both parents and the 健保, 育兒津貼, 勞保 and 衛生局 items validates', () => {
    const r = validateDraft(birthDraft('1992-05-20'), catalogue, TODAY);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.items.map((i) => [i.item.code, i.item.receiverAgency, i.dueDate])).toEqual([
      ['B01', 'NHIA', null], ['B02', 'KH-TOWN-FS', null], ['B04', 'BLI', '2030-09-01'], ['B06', 'KH-HEALTH', null],
    ]);
  });

  it('a newborn older than the mother is refused with the rule message', () => {
    const r = validateDraft(birthDraft('2025-09-05'), catalogue, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ path: 'participants[3].birthDate', code: 'RULE_DATE_ORDER', message: '母親出生日期須早於新生兒出生日期' });
  });
});

describe('assistance 救生圈 (seed 000 case 1)', () => {
  it('lists the seed checklist, agency-obtainable documents spareable, 身心障礙證明 only for that subsidy, V03 in the bundle', () => {
    const a = event('assistance');
    expect(a.householdRule).toBe('socialAssistance');
    expect(a.items.map((r) => r.item)).toContain('V03');
    const spareable = a.documents.filter((d) => d.spareable).map((d) => d.code);
    expect(spareable).toEqual(['householdTranscript', 'propertyIncomeList', 'laborInsuranceRecord']);
    expect(a.documents.find((d) => d.code === 'disabilityCertificate')?.when).toEqual({ field: 'subsidy', equals: '身心障礙者生活補助' });
  });

  it('a 低收入戶 draft at the 公所 checks V03 and A02, counts spared documents, and refuses a document the family cannot be spared', () => {
    const draft = {
      lifeEvent: 'assistance',
      participants: [
        { role: 'applicant', id: 'A123456789', name: '張阿明', birthDate: '1975-04-01', phone: '0912345678', address: '高雄市鳳山區光復路二段120號' },
        { role: 'member', id: 'Z223456782', name: '張林秀', relation: 'spouse', title: '妻', birthDate: '1978-02-03' },
        { role: 'member', id: 'F131104093', name: '張老先', relation: 'father', title: '父', birthDate: '1948-10-10' },
      ],
      fields: { subsidy: '低收入戶', takenAt: '區公所', bankAccount: '700-00012345678901' },
      items: [
        { code: 'A02', fields: { applicantName: '張阿明', applicantId: 'A123456789', generations: '三代', question: '全部' } },
        { code: 'V03', fields: { scope: '全部', householdSize: 3 } },
        { code: 'A03', fields: { applicantName: '張阿明', applicantPhone: '0912345678', visitAddress: '高雄市鳳山區光復路二段120號' } },
      ],
      documents: [
        { code: 'householdTranscript', status: 'spared' },
        { code: 'propertyIncomeList', status: 'spared' },
        { code: 'laborInsuranceRecord', status: 'spared' },
        { code: 'applicantIdSeal', status: 'present' },
        { code: 'passbookCopy', status: 'missing' },
      ],
    };
    const r = validateDraft(draft, catalogue, TODAY);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.items.map((i) => i.item.code)).toEqual(['A02', 'V03', 'A03']);
    expect(r.value.documentsSpared).toBe(3);
    const bad = validateDraft({ ...draft, documents: [...draft.documents.slice(0, 4), { code: 'passbookCopy', status: 'spared' }] }, catalogue, TODAY);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toContainEqual(expect.objectContaining({ code: 'DOCUMENT_NOT_SPAREABLE' }));
  });

  it('at a 戶政事務所 counter V03 is not part of the case: the platform only takes it from a 公所 (senderKind township)', () => {
    const v03 = event('assistance').items.find((r) => r.item === 'V03');
    expect(v03?.when).toEqual({ field: 'takenAt', equals: '區公所' });
    const draft = {
      lifeEvent: 'assistance',
      participants: [{ role: 'applicant', id: 'A123456789', name: '張阿明', birthDate: '1975-04-01', phone: '0912345678', address: '高雄市鳳山區光復路二段120號' }],
      fields: { subsidy: '中低收入戶', takenAt: '戶政事務所', bankAccount: '700-00012345678901' },
      items: [{ code: 'A01', fields: {} }, { code: 'V03', fields: { scope: '全部', householdSize: 1 } }],
      documents: [],
    };
    const r = validateDraft(draft, catalogue, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual(expect.objectContaining({ path: 'items.V03', code: 'ITEM_NOT_NEEDED' }));
  });
});
