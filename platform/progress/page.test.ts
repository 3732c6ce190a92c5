import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../../electron/services/resources';
import { LANGUAGES } from '../../shared/language/languages';
import { CITIZEN_STATUS_LABEL } from '../../shared/progress/lookup';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { HTML_LANG } from './page';
import { languageOfTag, pageLanguage } from './pageLanguage';
import { NO_DATA_MESSAGE } from './routes';

/** Issue 16 §1: the public progress page in the browser's language among seven, its strings as data. */
const raw = (lang: string) => JSON.parse(readFileSync(resourcePath('translations', `progress.${lang}.json`), 'utf8')) as Record<string, string>;
const keysOf = (file: Record<string, string>) => Object.keys(file).filter((k) => !k.startsWith('_')).sort();
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('progress page translations (resources/translations/progress.*.json)', () => {
  const source = raw('zh-TW');

  it('there is one file per language, each with every key of zh-TW (no more, no fewer), non-empty, with the same placeholders', () => {
    const files = readdirSync(resourcePath('translations')).filter((f) => /^progress\..+\.json$/.test(f));
    expect(files.sort()).toEqual(LANGUAGES.map((l) => `progress.${l}.json`).sort());
    for (const lang of LANGUAGES) {
      const file = raw(lang);
      expect(keysOf(file), lang).toEqual(keysOf(source));
      for (const key of keysOf(source)) {
        expect(file[key]!.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(file[key]!), `${lang} ${key}`).toEqual(placeholders(source[key]!));
      }
    }
  });

  it('zh-TW is the source; every other file says in its data whether it is a machine draft or reviewed', () => {
    expect(source._status).toBe('source');
    for (const lang of LANGUAGES.filter((l) => l !== 'zh-TW')) expect(['draft-machine', 'reviewed'], lang).toContain(raw(lang)._status);
  });

  it('zh-TW says what the platform says: the same no-data answer and the same status words', () => {
    expect(source['msg.noData']).toBe(NO_DATA_MESSAGE);
    for (const [status, label] of Object.entries(CITIZEN_STATUS_LABEL)) expect(source[`status.${status}`], status).toBe(label);
    expect(source['status.other']).toBe('處理中');
  });
});

describe('the page language', () => {
  it('follows ?lang= first, then Accept-Language by q and order, else zh-TW', () => {
    expect(pageLanguage(undefined, 'vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(pageLanguage(undefined, 'fr-FR, th;q=0.5, en;q=0.7')).toBe('en');
    expect(pageLanguage(undefined, 'de, fr')).toBe('zh-TW');
    expect(pageLanguage(undefined, undefined)).toBe('zh-TW');
    expect(pageLanguage('km', 'vi')).toBe('km');
    expect(pageLanguage('xx', 'id-ID')).toBe('id');
    expect(pageLanguage(['vi'], 'th')).toBe('th');
    expect(pageLanguage(undefined, 'en;q=0, km')).toBe('km');
    expect(['zh-CN', 'zh-Hans-TW', 'zh-SG', 'zh-TW', 'zh-HK', 'zh-Hant', 'zh', 'in', '*', 'th-TH'].map(languageOfTag)).toEqual(['zh-Hans', 'zh-Hans', 'zh-Hans', 'zh-TW', 'zh-TW', 'zh-TW', 'zh-TW', 'id', null, 'th']);
  });
});

describe('GET /progress in seven languages', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());
  const get = (path: string, acceptLanguage?: string) => t.http.raw('GET', path, acceptLanguage ? { headers: { 'accept-language': acceptLanguage } } : {});

  it('Accept-Language vi gives the Vietnamese page with <html lang="vi">; ?lang= wins; the switch lists all seven by their own names', async () => {
    const vi = await get('/progress', 'vi-VN,vi;q=0.9');
    expect(vi.status).toBe(200);
    const html = vi.body as string;
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain(`<h1 data-i18n="heading">${raw('vi').heading}</h1>`);
    expect(vi.headers.get('content-language')).toBe('vi');
    expect(vi.headers.get('vary')).toContain('Accept-Language');
    for (const lang of LANGUAGES) expect(html).toContain(`<option value="${lang}" lang="${HTML_LANG[lang]}"${lang === 'vi' ? ' selected' : ''}>${raw(lang)['language.name']}</option>`);
    const th = await get('/progress?lang=th', 'vi');
    expect(th.body as string).toContain('<html lang="th">');
    expect(th.body as string).toContain(raw('th').heading);
    expect((await get('/progress', 'fr')).body as string).toContain('<html lang="zh-Hant-TW">');
  });

  it('each language renders every string; no draft mark or file note reaches the page or its script', async () => {
    for (const lang of LANGUAGES) {
      const html = (await get(`/progress?lang=${lang}`)).body as string;
      expect(html, lang).not.toMatch(/\{\{|draft|_status|_note/);
      expect(html).toContain(`<html lang="${HTML_LANG[lang]}">`);
    }
    const js = (await get('/progress/progress.js')).body as string;
    expect(js.startsWith('var PROGRESS_TEXTS = {')).toBe(true);
    expect(js).not.toMatch(/draft-machine|_status|_note/);
    for (const lang of LANGUAGES) expect(js).toContain(JSON.stringify(raw(lang)['msg.noData']).replace(/</g, '\\u003c'));
  });
});
