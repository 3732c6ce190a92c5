import { readFileSync } from 'node:fs';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/language/languages';
import { resourcePath } from '../resources';

/**
 * The printouts' wording as data (resources/translations/print.<lang>.json; see its README): the
 * Traditional Chinese file is the legal original and the source of every key, the others translate
 * it. Keys starting with `_` describe the file (`_status`: source, draft-machine, reviewed) and are
 * never printed, so a draft is marked in the data and on nothing the citizen sees.
 */
export type TranslationFile = Record<string, string>;

export type Vars = Record<string, string | number>;

const files = new Map<string, TranslationFile>();

/** One `<surface>.<lang>.json` of resources/translations, read once. */
export function loadTranslationFile(surface: string, lang: string): TranslationFile {
  const key = `${surface}.${lang}`;
  let file = files.get(key);
  if (!file) {
    file = JSON.parse(readFileSync(resourcePath('translations', `${key}.json`), 'utf8')) as TranslationFile;
    files.set(key, file);
  }
  return file;
}

/** `{name}` placeholders filled from `vars`; a placeholder without a value is a bug in the caller, not a blank on paper. */
export function fillTemplate(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`translation placeholder {${name}} has no value`);
    return String(v);
  });
}

/** The Chinese text of a print key (the legal original). */
export const zhText = (key: string, vars?: Vars): string => {
  const template = loadTranslationFile('print', DEFAULT_LANGUAGE)[key];
  if (template === undefined) throw new Error(`print text ${key} missing in print.zh-TW.json`);
  return fillTemplate(template, vars);
};

/**
 * What a printout says in the citizen's language beside its Chinese: `tr` is null for zh-TW (nothing
 * to add) and for keys a language lacks (the test on the folder keeps that from shipping).
 */
export type PrintTexts = {
  lang: Language;
  zh: (key: string, vars?: Vars) => string;
  tr: (key: string, vars?: Vars) => string | null;
  /**
   * The translation of `key` only while the Chinese it was made from is still `source` (catalogue
   * wording such as an item's consent sentence can change after it was translated: a stale
   * translation of other words must not be printed beside a legal text).
   */
  trOf: (key: string, source: string) => string | null;
  /** The translation of whichever `prefix` key has `source` as its Chinese (a life event's name as the model prints it). */
  trBySource: (prefix: string, source: string) => string | null;
};

export function printTexts(lang: Language): PrintTexts {
  const own = lang === DEFAULT_LANGUAGE ? null : loadTranslationFile('print', lang);
  const zhFile = loadTranslationFile('print', DEFAULT_LANGUAGE);
  const tr = (key: string, vars?: Vars): string | null => {
    const template = own?.[key];
    return template === undefined ? null : fillTemplate(template, vars);
  };
  const trBySource = (prefix: string, source: string): string | null => {
    const key = Object.keys(zhFile).find((k) => k.startsWith(prefix) && zhFile[k] === source);
    return key ? tr(key) : null;
  };
  return { lang, zh: zhText, tr, trOf: (key, source) => (zhFile[key] === source ? tr(key) : null), trBySource };
}
