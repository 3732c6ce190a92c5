import { formatIssuePath } from '../zod';
import {
  AgenciesFile,
  CATALOGUE_FILES,
  ItemsFile,
  LifeEventsFile,
  type Catalogue,
} from './schema';

/** One thing wrong with the catalogue, located precisely enough for IT to fix the JSON by hand. */
export type CatalogueProblem = { file: string; path: string; message: string };

export type CatalogueValidation = { ok: true; catalogue: Catalogue } | { ok: false; problems: CatalogueProblem[] };

export type RawCatalogue = { agencies: unknown; items: unknown; lifeEvents: unknown };

/**
 * Validates the three catalogue files and their cross references. Returns every problem found
 * (not only the first) so one edit-run cycle fixes them all; the app refuses to start on any.
 */
export function validateCatalogue(raw: RawCatalogue): CatalogueValidation {
  const problems: CatalogueProblem[] = [];
  const parse = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, file: string): T | undefined => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    for (const issue of r.error.issues) problems.push({ file, path: formatIssuePath(issue.path), message: issue.message });
    return undefined;
  };

  const agencies = parse(AgenciesFile, raw.agencies, CATALOGUE_FILES.agencies);
  const items = parse(ItemsFile, raw.items, CATALOGUE_FILES.items);
  const lifeEvents = parse(LifeEventsFile, raw.lifeEvents, CATALOGUE_FILES.lifeEvents);
  if (!agencies || !items || !lifeEvents) return { ok: false, problems };

  const duplicates = <T>(list: T[], key: (t: T) => string, file: string, where: (i: number) => string, what: string) => {
    const seen = new Map<string, number>();
    list.forEach((entry, i) => {
      const k = key(entry);
      const first = seen.get(k);
      if (first !== undefined) problems.push({ file, path: where(i), message: `${what}「${k}」重複（第一次出現在 ${where(first)}）` });
      else seen.set(k, i);
    });
  };

  duplicates(agencies.agencies, (a) => a.code, CATALOGUE_FILES.agencies, (i) => `agencies[${i}].code`, '機關代碼');
  duplicates(items.items, (a) => a.code, CATALOGUE_FILES.items, (i) => `items[${i}].code`, '項目代碼');
  duplicates(lifeEvents.lifeEvents, (e) => e.code, CATALOGUE_FILES.lifeEvents, (i) => `lifeEvents[${i}].code`, '生活事件代碼');

  const agencyCodes = new Set(agencies.agencies.map((a) => a.code));
  items.items.forEach((item, i) => {
    if (!agencyCodes.has(item.receiverAgency)) {
      problems.push({ file: CATALOGUE_FILES.items, path: `items[${i}].receiverAgency`, message: `未知的接收機關「${item.receiverAgency}」（agencies.json 沒有此代碼）` });
    }
    duplicates(item.fields, (f) => f.key, CATALOGUE_FILES.items, (j) => `items[${i}].fields[${j}].key`, '欄位鍵');
    duplicates(item.attachments, (a) => a.code, CATALOGUE_FILES.items, (j) => `items[${i}].attachments[${j}].code`, '附件代碼');
  });

  const itemCodes = new Set(items.items.map((it) => it.code));
  lifeEvents.lifeEvents.forEach((event, i) => {
    event.items.forEach((ref, j) => {
      if (!itemCodes.has(ref.item)) {
        problems.push({ file: CATALOGUE_FILES.lifeEvents, path: `lifeEvents[${i}].items[${j}].item`, message: `未知的服務項目「${ref.item}」（items.json 沒有此代碼）` });
      }
    });
    duplicates(event.items, (r) => r.item, CATALOGUE_FILES.lifeEvents, (j) => `lifeEvents[${i}].items[${j}].item`, '服務項目');
  });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    catalogue: { version: items.version, agencies: agencies.agencies, items: items.items, lifeEvents: lifeEvents.lifeEvents },
  };
}

export const formatCatalogueProblems = (problems: CatalogueProblem[]): string =>
  problems.map((p) => `${p.file} ${p.path || '(根)'}：${p.message}`).join('\n');
