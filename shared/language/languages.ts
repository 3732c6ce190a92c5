/**
 * The languages a citizen's printouts (and the public progress page) come in: the seeds' six
 * (seed 002 lines 10555–10557: 簡體中文, English, Tiếng Việt, Bahasa Indonesia, ภาษาไทย, ខ្មែរ)
 * besides Traditional Chinese, which stays the legal original on every bilingual printout.
 */
export const LANGUAGES = ['zh-TW', 'zh-Hans', 'en', 'vi', 'id', 'th', 'km'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The default and the language of the legal original. */
export const DEFAULT_LANGUAGE: Language = 'zh-TW';

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** How the clerk's select names each language: the zh-TW name, then the language's own name for the citizen to point at. */
export const LANGUAGE_LABEL: Record<Language, string> = {
  'zh-TW': '繁體中文',
  'zh-Hans': '簡體中文（简体中文）',
  en: '英文（English）',
  vi: '越南文（Tiếng Việt）',
  id: '印尼文（Bahasa Indonesia）',
  th: '泰文（ภาษาไทย）',
  km: '柬埔寨文（ខ្មែរ）',
};

/**
 * The language an MRZ nationality (ICAO 9303 three-letter code) suggests; the clerk can change it.
 * Only the seeds' countries of origin are mapped (PHL: English is an official language there);
 * any other nationality suggests nothing, so the clerk asks rather than guesses.
 */
const BY_NATIONALITY: Readonly<Record<string, Language>> = {
  VNM: 'vi',
  IDN: 'id',
  THA: 'th',
  KHM: 'km',
  PHL: 'en',
  CHN: 'zh-Hans',
};

export const languageForNationality = (nationality: string | null | undefined): Language | null =>
  BY_NATIONALITY[(nationality ?? '').trim().toUpperCase()] ?? null;
