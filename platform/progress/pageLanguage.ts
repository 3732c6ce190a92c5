import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '../../shared/language/languages';

/**
 * Which of the seven languages (shared/language) a browser's tag stands for. Chinese goes by script
 * (Hans: zh-CN, zh-SG, zh-Hans…; everything else Chinese is Traditional, the default); `in` is the
 * old code for Indonesian.
 */
export function languageOfTag(tag: string): Language | null {
  const t = tag.trim().toLowerCase();
  if (!t || t === '*') return null;
  const [primary, ...rest] = t.split('-');
  if (primary === 'zh') return rest.some((s) => s === 'hans' || s === 'cn' || s === 'sg' || s === 'my') && !rest.includes('hant') ? 'zh-Hans' : 'zh-TW';
  if (primary === 'in') return 'id';
  return LANGUAGES.find((l) => l === primary) ?? null;
}

/**
 * The page's language: `?lang=` when it names one of the seven (the switch puts it there, so a
 * shared or bookmarked link keeps its language), else the first of the browser's Accept-Language
 * preferences (by q, then order) we have, else Traditional Chinese.
 */
export function pageLanguage(query: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(query)) return query;
  const prefs = (acceptLanguage ?? '')
    .slice(0, 1000)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { lang: languageOfTag(tag), q: q ? Number(q[1]) : 1, i };
    })
    .filter((p): p is { lang: Language; q: number; i: number } => p.lang !== null && p.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return prefs[0]?.lang ?? DEFAULT_LANGUAGE;
}
