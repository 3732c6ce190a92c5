/**
 * Line breaking for mixed Chinese/Latin text in fixed-width form cells.
 *
 * Rules: a line may break between any two CJK characters; runs of Latin letters, digits and ASCII
 * punctuation (words, house numbers, phone numbers, IDs) stay together unless a run alone is
 * wider than the line; whitespace at a break is dropped; closing punctuation (，。、」）…) never
 * starts a line (the character before it moves down with it) and opening brackets (「（…) never
 * end one. Thai and Khmer (no spaces between words) break between dictionary words, and a word
 * broken by force breaks between grapheme clusters, never inside one.
 */

/** Width of `text` at the font size the caller has in mind (e.g. PDFFont.widthOfTextAtSize). */
export type MeasureText = (text: string) => number;

const NO_LINE_START = new Set([...'，。、；：！？）」』〉》】〕﹚﹜,.;:!?)]}%％・‧…─—～']);
const NO_LINE_END = new Set([...'（「『〈《【〔﹙﹛([{']);

/**
 * Split into breakable units: a whitespace run, a run of non-CJK non-space characters (a "word"),
 * or a single other character (CJK ideograph, Bopomofo, CJK/full-width punctuation).
 */
const TOKEN =
  /\s+|[^\s\p{Script=Han}\p{Script=Bopomofo}\u2E80-\u2FFF\u3000-\u303F\u3200-\u33FF\uFE30-\uFE4F\uFF00-\uFFEF]+|[\s\S]/gu;

/** Scripts written without spaces between words: ICU's dictionary word breaker finds the break opportunities. */
const NO_SPACES = /[\p{Script=Thai}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}]/u;
const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const tokenize = (text: string): string[] =>
  (text.match(TOKEN) ?? []).flatMap((t) => (NO_SPACES.test(t) ? [...words.segment(t)].map((s) => s.segment) : [t]));

/** User-perceived characters: a Thai or Khmer consonant keeps its vowel signs, subscripts and tone marks. */
const clusters = (token: string): string[] => [...graphemes.segment(token)].map((s) => s.segment);

const isSpace = (token: string): boolean => /^\s+$/.test(token);

/** Break one paragraph (no '\n') into lines no wider than `maxWidth` (except hanging punctuation). */
const wrapParagraph = (text: string, maxWidth: number, measure: MeasureText): string[] => {
  const lines: string[] = [];
  let line: string[] = [];
  let width = 0;

  const flush = (): void => {
    while (line.length > 0 && isSpace(line[line.length - 1]!)) line.pop();
    lines.push(line.join(''));
    line = [];
    width = 0;
  };

  const pushToken = (token: string, w: number): void => {
    line.push(token);
    width += w;
  };

  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const w = measure(token);
    if (width + w <= maxWidth + 0.01) {
      if (line.length === 0 && isSpace(token)) continue; // no leading spaces on wrapped lines
      pushToken(token, w);
      continue;
    }
    if (isSpace(token)) {
      flush();
      continue;
    }
    if (line.length > 0 && NO_LINE_START.has(token)) {
      const prev = line[line.length - 1]!;
      if (line.length > 1 && !isSpace(prev) && !NO_LINE_START.has(prev)) {
        // Push the previous unit down with the punctuation (追い出し) instead of starting a line with it.
        line.pop();
        flush();
        pushToken(prev, measure(prev));
        pushToken(token, w);
      } else {
        pushToken(token, w); // nothing sensible to carry: let it hang
      }
      continue;
    }
    if (w > maxWidth) {
      // A single word wider than the line: break it by characters.
      for (const ch of clusters(token)) {
        const cw = measure(ch);
        if (width + cw > maxWidth + 0.01 && line.length > 0) flush();
        pushToken(ch, cw);
      }
      continue;
    }
    // Start a new line, carrying trailing opening brackets along.
    const carried: string[] = [];
    while (line.length > 1 && NO_LINE_END.has(line[line.length - 1]!)) carried.unshift(line.pop()!);
    if (line.length > 0) flush();
    for (const c of carried) pushToken(c, measure(c));
    pushToken(token, w);
  }
  if (line.length > 0 || lines.length === 0) flush();
  return lines;
};

/** Wrap text to lines no wider than `maxWidth`; explicit '\n' starts a new paragraph. */
export const wrapText = (text: string, maxWidth: number, measure: MeasureText): string[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((para) => wrapParagraph(para, maxWidth, measure));
