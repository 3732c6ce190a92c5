import { describe, expect, it } from 'vitest';
import { fontkitAdapter, loadFontBytes, loadFormFont, parseFont, subsetFontName } from './font';
import { wrapText } from './textLayout';

describe('font cache and fontkit adapter', () => {
  it('reads the bytes once and parses them once', async () => {
    const a = await loadFormFont();
    const b = await loadFormFont();
    expect(b.bytes).toBe(a.bytes);
    expect(b.font).toBe(a.font);
    expect(await loadFontBytes()).toBe(a.bytes);
    expect(parseFont(a.bytes)).toBe(a.font);
    expect(fontkitAdapter.create(a.bytes)).toBe(a.font);
  });

  it('gives subsets the encodeStream() pdf-lib calls, yielding the encoded CFF', async () => {
    const { font } = await loadFormFont();
    const subset = font.createSubset() as ReturnType<typeof font.createSubset> & {
      encodeStream: () => NodeJS.ReadableStream;
    };
    subset.includeGlyph(font.glyphForCodePoint('王'.codePointAt(0)!));
    const chunks: Uint8Array[] = [];
    await new Promise<void>((resolve, reject) => {
      subset.encodeStream().on('data', (c: Uint8Array) => chunks.push(c)).on('end', resolve).on('error', reject);
    });
    const total = chunks.reduce((n, c) => n + c.length, 0);
    expect(total).toBeGreaterThan(100);
    expect(total).toBeLessThan(20_000); // desubroutinized source: one glyph stays small
  });

  it('names subsets ABCDEF+PostScriptName, stable per seed', () => {
    const name = subsetFontName('KHF1-1151126-0007');
    expect(name).toMatch(/^[A-Z]{6}\+NotoSansCJKtc-Regular$/);
    expect(subsetFontName('KHF1-1151126-0007')).toBe(name);
    expect(subsetFontName('KHF1-1151126-0008')).not.toBe(name);
  });
});

describe('wrapText', () => {
  // Monospace-ish measure: CJK and full-width = 2 units, everything else 1.
  const measure = (s: string): number =>
    [...s].reduce((w, ch) => w + (/[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? 2 : 1), 0);

  it('breaks between CJK characters', () => {
    expect(wrapText('高雄市鳳山區中山西路', 8, measure)).toEqual(['高雄市鳳', '山區中山', '西路']);
  });

  it('keeps Latin words and numbers together and drops spaces at breaks', () => {
    expect(wrapText('Room 1205, No. 7', 9, measure)).toEqual(['Room', '1205, No.', '7']);
    expect(wrapText('中山西路123號', 10, measure)).toEqual(['中山西路', '123號']);
  });

  it('never starts a line with closing punctuation nor ends one with an opening bracket', () => {
    const lines = wrapText('本人同意，變更地址。', 8, measure);
    for (const l of lines) expect(l).not.toMatch(/^[，。、）」]/);
    expect(lines.join('')).toBe('本人同意，變更地址。');
    const br = wrapText('證明類別（手冊）地址', 10, measure);
    for (const l of br) expect(l).not.toMatch(/[（「]$/);
    expect(br.join('')).toBe('證明類別（手冊）地址');
  });

  it('splits a single over-long word and honours explicit newlines', () => {
    expect(wrapText('ABCDEFGHIJ', 4, measure)).toEqual(['ABCD', 'EFGH', 'IJ']);
    expect(wrapText('第一行\n第二行', 100, measure)).toEqual(['第一行', '第二行']);
    expect(wrapText('', 10, measure)).toEqual(['']);
  });
});
