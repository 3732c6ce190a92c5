import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prefillItemFields } from '../../../shared/cases/prefill';
import { GeneralDraft, type FieldValue, type GeneralDraftValue } from '../../../shared/cases/schema';
import type { Catalogue } from '../../../shared/catalogue/schema';
import { AppFailure } from '../../../shared/result';
import { formatIssuePath } from '../../../shared/zod';

/**
 * One realistic visit per life event, kept as data beside the catalogue (resources/catalogue/examples/<code>.json)
 * for `draft-example`, demos and tests. An example gives participants, event fields, the items with the
 * values the clerk types; what an item prefills from the case (`from`) is filled in here as the wizard does.
 */
export function exampleDraft(catalogue: Catalogue, dir: string, code: string): GeneralDraftValue {
  const event = catalogue.lifeEvents.find((e) => e.code === code);
  if (!event) {
    throw new AppFailure({ code: 'LIFE_EVENT_UNKNOWN', message: `未知的生活事件「${code}」，可用：${catalogue.lifeEvents.map((e) => e.code).join('、')}` });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, 'examples', `${code}.json`), 'utf8'));
  } catch (e) {
    throw new AppFailure({ code: 'EXAMPLE_MISSING', message: `生活事件「${event.name}」沒有範例（examples/${code}.json）：${(e as Error).message}` });
  }
  const parsed = GeneralDraft.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppFailure({ code: 'EXAMPLE_INVALID', message: `examples/${code}.json ${formatIssuePath(issue.path)}：${issue.message}` });
  }
  const draft = parsed.data;
  const source = { participants: draft.participants, fields: draft.fields };
  const items = draft.items.map(({ code: itemCode, fields }) => {
    const item = catalogue.items.find((i) => i.code === itemCode);
    const prefilled: Record<string, FieldValue> = item ? prefillItemFields(item, event, source) : {};
    // Empty prefills (an optional source left blank) are dropped, as the wizard sends them.
    const kept = Object.fromEntries(Object.entries(prefilled).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0)));
    return { code: itemCode, fields: { ...kept, ...fields } };
  });
  return { ...draft, items };
}
