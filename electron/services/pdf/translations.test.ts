import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/language/languages';
import { resourcePath } from '../resources';

/**
 * resources/translations as data: every `<surface>.<lang>.json` group of the folder (print, and any
 * surface another part of the app adds, such as progress) has exactly the zh-TW file's keys in every
 * language, the same placeholders, and a status; the README names who reviews them.
 */
const dir = resourcePath('translations');
const FILE = /^([a-z][\w-]*)\.([A-Za-z-]+)\.json$/;
const files = readdirSync(dir).filter((f) => FILE.test(f));
const groups = new Map<string, Map<string, Record<string, string>>>();
for (const f of files) {
  const [, surface, lang] = FILE.exec(f)!;
  if (!groups.has(surface!)) groups.set(surface!, new Map());
  groups.get(surface!)!.set(lang!, JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Record<string, string>);
}
const textKeys = (file: Record<string, string>) => Object.keys(file).filter((k) => !k.startsWith('_'));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('resources/translations', () => {
  it('has the print group in all seven languages', () => {
    expect([...groups.get('print')!.keys()].sort()).toEqual([...LANGUAGES].sort());
  });

  for (const [surface, langs] of groups) {
    describe(`${surface}.*.json`, () => {
      const source = langs.get('zh-TW');

      it('has a zh-TW source file marked as the source', () => {
        expect(source, `${surface}.zh-TW.json is missing`).toBeDefined();
        expect(source!._status).toBe('source');
      });

      for (const [lang, file] of langs) {
        if (lang === 'zh-TW') continue;
        it(`${lang}: every key of zh-TW, no other, same placeholders, a status`, () => {
          expect((LANGUAGES as readonly string[]).includes(lang), `unknown language ${lang}`).toBe(true);
          const want = textKeys(source!);
          const have = textKeys(file);
          expect(want.filter((k) => !have.includes(k)), 'missing keys').toEqual([]);
          expect(have.filter((k) => !want.includes(k)), 'keys not in zh-TW').toEqual([]);
          for (const k of want) {
            expect(typeof file[k] === 'string' && file[k]!.trim() !== '', `${lang} ${k} is empty`).toBe(true);
            expect(placeholders(file[k]!), `${lang} ${k}`).toEqual(placeholders(source![k]!));
          }
          expect(['draft-machine', 'reviewed']).toContain(file._status);
        });
      }
    });
  }

  it('the print texts translate the catalogue as it stands: each item title and consent sentence, word for word', () => {
    const zh = groups.get('print')!.get('zh-TW')!;
    const raw = JSON.parse(readFileSync(resourcePath('catalogue', 'items.json'), 'utf8')) as { items?: unknown[] } | unknown[];
    const items = (Array.isArray(raw) ? raw : raw.items!) as { code: string; title: string; consentText: string }[];
    for (const item of items) {
      expect(zh[`item.${item.code}.title`], `item.${item.code}.title`).toBe(item.title);
      expect(zh[`item.${item.code}.consent`], `item.${item.code}.consent`).toBe(item.consentText);
    }
  });

  it('the README says who must review a machine draft before use', () => {
    const readme = readFileSync(`${dir}/README.md`, 'utf8');
    expect(readme).toContain('draft-machine');
    expect(readme).toMatch(/sworn or court-appointed translator/);
    expect(readme).toContain('新住民');
  });
});
