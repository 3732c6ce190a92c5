import { formatIssuePath } from '../zod';
import { conditionFields, referencePaths } from './paths';
import {
  AgenciesFile,
  CATALOGUE_FILES,
  ItemsFile,
  LifeEventsFile,
  type Catalogue,
  type Condition,
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

  const itemByCode = new Map(items.items.map((it) => [it.code, it]));
  lifeEvents.lifeEvents.forEach((event, i) => {
    const at = (rest: string) => `lifeEvents[${i}].${rest}`;
    const report = (path: string, message: string) => problems.push({ file: CATALOGUE_FILES.lifeEvents, path: at(path), message });
    duplicates(event.participants, (r) => r.role, CATALOGUE_FILES.lifeEvents, (j) => at(`participants[${j}].role`), '參與者角色');
    duplicates(event.fields, (f) => f.key, CATALOGUE_FILES.lifeEvents, (j) => at(`fields[${j}].key`), '欄位鍵');
    duplicates(event.items, (r) => r.item, CATALOGUE_FILES.lifeEvents, (j) => at(`items[${j}].item`), '服務項目');
    duplicates(event.documents, (d) => d.code, CATALOGUE_FILES.lifeEvents, (j) => at(`documents[${j}].code`), '文件代碼');
    event.participants.forEach((r, j) => {
      if (r.max < r.min) report(`participants[${j}].max`, `人數上限（${r.max}）小於下限（${r.min}）`);
    });
    const paths = referencePaths(event);
    const fieldType = new Map(event.fields.map((f) => [f.key, f.type]));
    const checkCondition = (c: Condition, path: string) => {
      for (const key of conditionFields(c)) if (!fieldType.has(key)) report(path, `條件引用未知的欄位「${key}」`);
    };
    const checkDeadline = (d: { from: string } | undefined, path: string) => {
      if (d && fieldType.get(d.from) !== 'date') report(`${path}.from`, `期限起算欄位「${d.from}」不是本事件的日期欄位`);
    };
    event.rules.forEach((rule, j) => {
      const refs = 'different' in rule ? rule.different : [rule.earlier, rule.later];
      for (const ref of refs) if (!paths.has(ref)) report(`rules[${j}]`, `規則引用未知的欄位「${ref}」`);
    });
    event.documents.forEach((d, j) => checkCondition(d.when, `documents[${j}].when`));
    const inEvent = new Set(event.items.map((r) => r.item));
    event.items.forEach((ref, j) => {
      const item = itemByCode.get(ref.item);
      if (!item) {
        report(`items[${j}].item`, `未知的服務項目「${ref.item}」（items.json 沒有此代碼）`);
        return;
      }
      checkCondition(ref.when, `items[${j}].when`);
      checkDeadline(ref.deadline, `items[${j}].deadline`);
      item.fields.forEach((f) => {
        if (f.from && !paths.has(f.from)) {
          report(`items[${j}].item`, `項目 ${item.code} 的欄位「${f.key}」預填自「${f.from}」，本事件沒有此欄位`);
        }
      });
    });
    event.schedule.forEach((entry, j) => {
      if (entry.item && !inEvent.has(entry.item)) report(`schedule[${j}].item`, `「${entry.item}」不在本事件的服務項目中`);
      checkDeadline(entry.deadline, `schedule[${j}].deadline`);
    });
  });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    catalogue: { version: items.version, agencies: agencies.agencies, items: items.items, lifeEvents: lifeEvents.lifeEvents },
  };
}

export const formatCatalogueProblems = (problems: CatalogueProblem[]): string =>
  problems.map((p) => `${p.file} ${p.path || '(根)'}：${p.message}`).join('\n');
