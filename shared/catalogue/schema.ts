import { z } from '../zod';

/**
 * The service catalogue is data (resources/catalogue/*.json), never code paths: agencies, the
 * notification items of seed 000 table 4-15, the verification items of table 4-16, and the life
 * events that bundle them. Adding an item is a JSON change plus its consent wording.
 */

export const AGENCY_KINDS = ['household', 'tax', 'land', 'motor', 'social', 'construction', 'fire', 'township'] as const;
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
};

const Code = z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, '代碼須為大寫英數字（例如 N01、KH-TAX）');
const Label = z.string().trim().min(1, '不可空白').max(200);

export const Agency = z.strictObject({
  code: Code,
  name: Label,
  kind: AgencyKind,
  /** Where the platform e-mails verification alerts (issue: 檢證 e-mail + live notice). */
  email: z.email().optional(),
});
export type Agency = z.infer<typeof Agency>;

export const FIELD_TYPES = ['text', 'address', 'date', 'select', 'boolean', 'personId', 'number'] as const;

/** Prefill sources a field may take its default from, so the clerk never types a thing twice. */
export const FIELD_SOURCES = ['person.name', 'person.id', 'oldAddress', 'newAddress', 'moveDate'] as const;

export const ItemField = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, '欄位鍵須為小寫開頭的英數字'),
    label: Label,
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    options: z.array(Label).min(1).optional(),
    from: z.enum(FIELD_SOURCES).optional(),
    maxLength: z.number().int().positive().max(500).optional(),
    help: z.string().max(200).optional(),
  })
  .refine((f) => (f.type === 'select') === (f.options !== undefined), {
    message: 'select 欄位必須有 options，其他型別不可有 options',
    path: ['options'],
  });
export type ItemField = z.infer<typeof ItemField>;

export const RequiredAttachment = z.strictObject({
  code: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,39}$/),
  name: Label,
  required: z.boolean(),
});

export const CatalogueItem = z.strictObject({
  code: Code,
  kind: z.enum(['notification', 'verification']),
  /** Row number in seed 000 table 4-15 / 4-16, kept for traceability to the spec. */
  seedRow: z.number().int().positive(),
  title: Label,
  senderKind: AgencyKind,
  receiverAgency: Code,
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
  fields: z.array(ItemField),
  attachments: z.array(RequiredAttachment).default([]),
});
export type CatalogueItem = z.infer<typeof CatalogueItem>;

export const LIFE_EVENT_CONDITIONS = ['always', 'noHouseTaxBill'] as const;

export const LifeEvent = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  name: Label,
  description: Label,
  items: z
    .array(
      z.strictObject({
        item: Code,
        preselected: z.boolean().default(true),
        /** `noHouseTaxBill`: added when the citizen did not bring the house-tax bill (檢證 稅單查證). */
        when: z.enum(LIFE_EVENT_CONDITIONS).default('always'),
      }),
    )
    .min(1),
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
