import type { Language } from '../../../shared/language/languages';
import { FORM_FONT } from './font';

/**
 * A font file in resources/ and how to draw with it. `positioned`: glyphs are drawn where the
 * shaper puts them (GPOS mark offsets, kerning), which Thai and Khmer need and pdf-lib's drawText
 * ignores (see shapedText.ts); the CJK font has no such positioning and keeps pdf-lib's fast path.
 */
export type ScriptFont = { file: string; postscriptName: string; positioned: boolean };

export const CJK_TC: ScriptFont = { ...FORM_FONT, positioned: false };
/** Latin with Vietnamese diacritics (Latin Extended Additional), Debian fonts-noto-core. */
export const LATIN: ScriptFont = { file: 'fonts/NotoSans-Regular.ttf', postscriptName: 'NotoSans-Regular', positioned: true };
export const THAI: ScriptFont = { file: 'fonts/NotoSansThai-Regular.ttf', postscriptName: 'NotoSansThai-Regular', positioned: true };
export const KHMER: ScriptFont = { file: 'fonts/NotoSansKhmer-Regular.ttf', postscriptName: 'NotoSansKhmer-Regular', positioned: true };

/**
 * Fonts for text in each language, in fallback order: a character takes the first font that has
 * it (a Thai sentence's digits and Latin words fall back to Noto Sans, an agency's Chinese name to
 * the CJK font). Simplified Chinese uses the shipped CJK subset, which holds every ideograph of
 * U+4E00–U+9FFF (simplified forms included) in Noto's Traditional-Chinese design.
 */
export const CITIZEN_FONTS: Record<Language, readonly ScriptFont[]> = {
  'zh-TW': [CJK_TC],
  'zh-Hans': [CJK_TC, LATIN],
  en: [LATIN, CJK_TC],
  vi: [LATIN, CJK_TC],
  id: [LATIN, CJK_TC],
  th: [THAI, LATIN, CJK_TC],
  km: [KHMER, LATIN, CJK_TC],
};
