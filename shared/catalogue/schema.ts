import { z } from '../zod';

/**
 * The service catalogue is data (resources/catalogue/*.json), never code paths: agencies, the
 * notification items of seed 000 table 4-15, the verification items of table 4-16, and the life
 * events that bundle them. Adding an item is a JSON change plus its consent wording.
 */

export const AGENCY_KINDS = [
  'household', 'tax', 'land', 'motor', 'social', 'construction', 'fire', 'township',
  'national-tax', 'health-insurance', 'labor-insurance', 'health',
] as const;
export const AgencyKind = z.enum(AGENCY_KINDS);
export type AgencyKind = z.infer<typeof AgencyKind>;

export const AGENCY_KIND_LABEL: Record<AgencyKind, string> = {
  household: '戶政',
  tax: '稅捐',
  land: '地政',
  motor: '監理',
  social: '社政',
  construction: '建設',
  fire: '消防',
  township: '公所',
  'national-tax': '國稅',
  'health-insurance': '健保',
  'labor-insurance': '勞保',
  health: '衛生',
};

const Code = z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, '代碼須為大寫英數字（例如 N01、KH-TAX）');
const Label = z.string().trim().min(1, '不可空白').max(200);
/** Keys of fields and participant roles: what drafts, payloads and `from` paths use. */
const Key = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, '鍵須為小寫開頭的英數字');

/**
 * Where an office is competent (issue 14): one 縣市 and, for offices that serve part of it (戶政,
 * 地政, 監理, 公所), the 鄉鎮市區 names as the postal table spells them. No `districts`: the whole 縣市.
 */
export const ServiceArea = z.strictObject({
  city: z.string().min(2).max(10),
  districts: z.array(z.string().min(2).max(10)).min(1).optional(),
});
export type ServiceArea = z.infer<typeof ServiceArea>;

export const Agency = z.strictObject({
  code: Code,
  name: Label,
  kind: AgencyKind,
  /** Where the platform e-mails verification alerts (issue: 檢證 e-mail + live notice). */
  email: z.email().optional(),
  /** The areas the office serves; routed items pick the office whose area holds the item's address or parcel. */
  serviceAreas: z.array(ServiceArea).default([]),
});
export type Agency = z.infer<typeof Agency>;

/**
 * Field types shared by an event's own fields and an item's payload fields. The list types
 * (parcels, plates) hold several entries; money is whole New Taiwan dollars.
 */
export const FIELD_TYPES = [
  'text', 'address', 'date', 'select', 'boolean', 'personId', 'number', 'money', 'parcels', 'plates', 'bankAccount',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const LIST_FIELD_TYPES: readonly FieldType[] = ['parcels', 'plates'];

export const FieldDef = z
  .strictObject({
    key: Key,
    label: Label,
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    options: z.array(Label).min(1).optional(),
    /**
     * Where the value is prefilled from so the clerk never types a thing twice: an event field key
     * (`newAddress`), a participant field (`deceased.name`), or `person.<field>` for the case's
     * primary participant (the one the life event names first).
     */
    from: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}(\.[a-z][a-zA-Z0-9]{0,39})?$/, 'from 須為欄位鍵或「角色.欄位」').optional(),
    maxLength: z.number().int().positive().max(500).optional(),
    /** Dates: may the date lie after today (a planned move, a due date)? Default no. */
    future: z.boolean().default(false),
    help: z.string().max(200).optional(),
  })
  .refine((f) => (f.type === 'select') === (f.options !== undefined), {
    message: 'select 欄位必須有 options，其他型別不可有 options',
    path: ['options'],
  });
export type FieldDef = z.infer<typeof FieldDef>;
/** An item's payload field: the same definition as an event field. */
export const ItemField = FieldDef;
export type ItemField = FieldDef;

export const RequiredAttachment = z.strictObject({
  code: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,39}$/),
  name: Label,
  required: z.boolean(),
});

export const CatalogueItem = z.strictObject({
  code: Code,
  kind: z.enum(['notification', 'verification']),
  /** Where the item comes from in the seeds (table 4-15/4-16 row, or a seed line), kept for traceability. */
  seedRow: z.number().int().positive().optional(),
  seedRef: z.string().max(120).optional(),
  title: Label,
  senderKind: AgencyKind,
  /** The receiving office when the item is not routed, and the routed item's office when its address or parcel is not given. */
  receiverAgency: Code,
  /**
   * Routed items (issue 14): the receiving agency is the office of `receiverKind` whose service area
   * holds the item's own payload field `by` (an address, or parcels written with their 鄉鎮市區).
   * The field is the payload's so the platform can check the same route from the envelope alone.
   */
  routing: z.strictObject({ receiverKind: AgencyKind, by: Key }).optional(),
  /** The legacy paper form this item replaces (printed on paper fallback). */
  legacyForm: Label,
  /** What the receiving agency does with it (表 4-15 作業內容). */
  receiverAction: Label,
  consentText: Label,
  /** Receiving agency's processing time limit, for 逾時未回報檢核. */
  processingDays: z.number().int().positive().max(365),
  /**
   * Years a closed case keeps this item's personal data before the retention purge blanks it
   * (electron/services/retention); statistics survive. Default 5 (typical for such applications).
   */
  retentionYears: z.number().int().min(1, '保存年限至少 1 年').max(30, '保存年限最多 30 年').default(5),
  fields: z.array(FieldDef),
  attachments: z.array(RequiredAttachment).default([]),
});
export type CatalogueItem = z.infer<typeof CatalogueItem>;

/**
 * When an item belongs to a case, written over the event's fields: `"always"` (the clerk ticks it),
 * or a test such as `{ "field": "ownsVehicle", "equals": true }`, combined with all/any/not. An item
 * with a test is part of the case exactly when the test holds (the clerk cannot untick it).
 */
export type Condition =
  | 'always'
  | { field: string; equals?: string | number | boolean; filled?: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.literal('always'),
    z.strictObject({ field: Key, equals: z.union([z.string(), z.number(), z.boolean()]).optional(), filled: z.boolean().optional() }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

/** A legal deadline counted from one of the event's date fields (e.g. 6 months from the date of death). */
export const Deadline = z
  .strictObject({
    from: Key,
    days: z.number().int().positive().max(3650).optional(),
    months: z.number().int().positive().max(120).optional(),
    years: z.number().int().positive().max(30).optional(),
    /** The law or rule that sets it, printed beside the date (e.g. 遺產及贈與稅法第23條). */
    basis: Label,
  })
  .refine((d) => [d.days, d.months, d.years].filter((v) => v !== undefined).length === 1, {
    message: '期限須恰好指定 days、months 或 years 其中之一',
  });
export type Deadline = z.infer<typeof Deadline>;

/** Person fields a role may ask for beyond ID and name, each required or optional. */
export const PERSON_FIELDS = ['birthDate', 'phone', 'address', 'relation', 'title'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const ParticipantRole = z.strictObject({
  role: Key,
  label: Label,
  min: z.number().int().min(0).max(30).default(1),
  max: z.number().int().min(1).max(30).default(1),
  /** Whether the 身分證/統一證號 must be given (a newborn has none before registration). */
  idRequired: z.boolean().default(true),
  person: z.partialRecord(z.enum(PERSON_FIELDS), z.enum(['required', 'optional'])).default({ birthDate: 'required' }),
});
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/**
 * A check across fields, written as data: `earlier`/`later` compare two dates (a participant's
 * `role.birthDate` or an event date field; every participant of the role must satisfy it),
 * `different` refuses two equal values (a move to the same address).
 */
export const Rule = z.union([
  z.strictObject({ earlier: z.string().max(80), later: z.string().max(80), message: Label }),
  z.strictObject({ different: z.tuple([z.string().max(80), z.string().max(80)]), message: Label }),
]);
export type Rule = z.infer<typeof Rule>;

export const LifeEventItem = z.strictObject({
  item: Code,
  preselected: z.boolean().default(true),
  when: Condition.default('always'),
  /** Why the condition adds the item, for the clerk's message (民眾未攜帶房屋稅單). */
  reason: Label.optional(),
  /** The legal deadline for this matter, where the law sets one; printed on the 後續辦理時程. */
  deadline: Deadline.optional(),
  /** Documents (謄本, 證明) this item spares the citizen (免附書證謄本), counted in the statistics. */
  spares: z.array(Label).default([]),
});
export type LifeEventItem = z.infer<typeof LifeEventItem>;

/** A matter the family still has to handle, printed on the 後續辦理時程 (the ones this visit sent are marked). */
export const ScheduleEntry = z.strictObject({
  title: Label,
  agency: Label,
  /** The item that handles it at this counter, if any: printed as 本次已通報 when the case carries it. */
  item: Code.optional(),
  deadline: Deadline.optional(),
  note: z.string().max(200).optional(),
});
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

/** A document on the checklist of a life event (救生圈): present, spared (obtained from an agency) or missing. */
export const ChecklistDocument = z.strictObject({
  code: Key,
  name: Label,
  required: z.boolean().default(true),
  /** Can the counter obtain it from another agency instead of asking the citizen (免附)? */
  spareable: z.boolean().default(false),
  /** Only on the checklist when this holds (e.g. 身心障礙證明 for that subsidy). */
  when: Condition.default('always'),
});
export type ChecklistDocument = z.infer<typeof ChecklistDocument>;

export const LifeEvent = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  name: Label,
  description: Label,
  /** Where the seeds specify it, for traceability. */
  seedRef: z.string().max(200).optional(),
  participants: z.array(ParticipantRole).min(1),
  fields: z.array(FieldDef).default([]),
  rules: z.array(Rule).default([]),
  items: z.array(LifeEventItem).min(1),
  schedule: z.array(ScheduleEntry).default([]),
  documents: z.array(ChecklistDocument).default([]),
  /**
   * A law that decides which household members count (e.g. `socialAssistance`: 社會救助法第5條);
   * the wizard shows each member's standing and why.
   */
  householdRule: z.enum(['socialAssistance']).optional(),
});
export type LifeEvent = z.infer<typeof LifeEvent>;

export const AgenciesFile = z.strictObject({ version: z.string().min(1), agencies: z.array(Agency).min(1) });
export const ItemsFile = z.strictObject({ version: z.string().min(1), items: z.array(CatalogueItem).min(1) });
export const LifeEventsFile = z.strictObject({ version: z.string().min(1), lifeEvents: z.array(LifeEvent).min(1) });

export type Catalogue = {
  version: string;
  agencies: Agency[];
  items: CatalogueItem[];
  lifeEvents: LifeEvent[];
};

/** The three files a catalogue is made of, with the names errors are reported against. */
export const CATALOGUE_FILES = {
  agencies: 'agencies.json',
  items: 'items.json',
  lifeEvents: 'life-events.json',
} as const;
