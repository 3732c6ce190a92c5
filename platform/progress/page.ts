import { readFileSync } from 'node:fs';
import { LANGUAGES, type Language } from '../../shared/language/languages';
import { resourcePath } from '../../electron/services/resources';

/** One language's strings of the page (resources/translations/progress.<lang>.json). */
export type PageTexts = Record<string, string>;

/** `<html lang>` per language: zh-TW names its script too, or Chromium falls back to a Kai face for Chinese. */
export const HTML_LANG: Record<Language, string> = { 'zh-TW': 'zh-Hant-TW', 'zh-Hans': 'zh-Hans', en: 'en', vi: 'vi', id: 'id', th: 'th', km: 'km' };

/**
 * A language's strings without the keys that describe the file (`_status`, `_note`): a machine
 * draft is marked in the data and on nothing the citizen sees.
 */
export function loadPageTexts(lang: Language): PageTexts {
  const file = JSON.parse(readFileSync(resourcePath('translations', `progress.${lang}.json`), 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(file).filter((e): e is [string, string] => !e[0].startsWith('_') && typeof e[1] === 'string'));
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page in one language, rendered once at start-up from resources/progress/progress.html:
 * `{{key}}` is that language's string (escaped), `{{htmlLang}}` and `{{lang}}` its tags, and
 * `{{languageOptions}}` the switch's options, each named in its own language with its own `lang`.
 * A key missing from the strings is a start-up error, never a blank on the page.
 */
export function renderPage(template: string, lang: Language, texts: Record<Language, PageTexts>): string {
  const options = LANGUAGES.map(
    (l) => `<option value="${l}" lang="${HTML_LANG[l]}"${l === lang ? ' selected' : ''}>${escapeHtml(texts[l]['language.name']!)}</option>`,
  ).join('');
  const vars: Record<string, string> = { htmlLang: HTML_LANG[lang], lang, languageOptions: options };
  return template.replace(/\{\{([\w.-]+)\}\}/g, (_m, key: string) => {
    if (key in vars) return vars[key]!;
    const text = texts[lang][key];
    if (text === undefined) throw new Error(`progress page: no string ${key} in progress.${lang}.json`);
    return escapeHtml(text);
  });
}

/**
 * The page's script with every language's strings bundled in front of it: the switch changes
 * language in place (the typed code and the result stay), and no second request can fail.
 * `<` is escaped so the data can never close a tag, whatever a translation holds.
 */
export function bundleScript(script: string, texts: Record<Language, PageTexts>): string {
  const data = JSON.stringify({ languages: LANGUAGES, htmlLang: HTML_LANG, texts }).replace(/</g, '\\u003c');
  return `var PROGRESS_TEXTS = ${data};\n${script}`;
}

export type ProgressPage = { html: Record<Language, string>; script: string };

/** Everything `GET /progress` serves, built once. */
export function buildProgressPage(): ProgressPage {
  const texts = Object.fromEntries(LANGUAGES.map((l) => [l, loadPageTexts(l)])) as Record<Language, PageTexts>;
  const template = readFileSync(resourcePath('progress', 'progress.html'), 'utf8');
  const html = Object.fromEntries(LANGUAGES.map((l) => [l, renderPage(template, l, texts)])) as Record<Language, string>;
  return { html, script: bundleScript(readFileSync(resourcePath('progress', 'progress.js'), 'utf8'), texts) };
}
