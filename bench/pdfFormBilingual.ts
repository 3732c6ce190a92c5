import { LANGUAGES, type Language } from '../shared/language/languages';
import { renderConsentForm } from '../electron/services/pdf/consentForm';
import { loadFormFont } from '../electron/services/pdf/font';
import { exampleFormModel } from '../electron/services/pdf/testing/exampleCases';
import { entry, percentile, type BenchEntry } from './stats';

const RUNS = 30;

/**
 * pdf-form-bilingual (issue 16 §1): the 遷徙 example case's consent form in each citizen language
 * (Chinese original plus the translation, Noto subsets of the language's fonts), against the same
 * case's Chinese-only form in the same run. The figure is the slowest language's p50 and the
 * largest file; goal ≤ 2× the zh-TW time and < 250 KB.
 */
export async function benchPdfFormBilingual(): Promise<BenchEntry[]> {
  await loadFormFont();
  const model = exampleFormModel('move');
  // Interleaved (zh-TW, zh-Hans, en … km, then again): a busy machine slows every language alike.
  const times = new Map<Language, number[]>(LANGUAGES.map((l) => [l, []]));
  const sizes = new Map<Language, number>();
  for (const language of LANGUAGES) await renderConsentForm(model, { language }); // fonts read and parsed once, as at app start
  for (let i = 0; i < RUNS; i++) {
    for (const language of LANGUAGES) {
      const t = performance.now();
      const pdf = await renderConsentForm(model, { language });
      times.get(language)!.push(performance.now() - t);
      sizes.set(language, pdf.byteLength);
    }
  }
  const zh = { p50: percentile(times.get('zh-TW')!, 50), size: sizes.get('zh-TW')! };
  const others = LANGUAGES.filter((l) => l !== 'zh-TW').map((language) => ({ language, p50: percentile(times.get(language)!, 50), size: sizes.get(language)! }));
  const slowest = others.reduce((a, b) => (b.p50 > a.p50 ? b : a));
  const largest = others.reduce((a, b) => (b.size > a.size ? b : a));
  const note = others.map((o) => `${o.language} ${o.p50.toFixed(0)} ms ${(o.size / 1024).toFixed(0)} KB`).join(', ');
  return [
    entry('pdf-form-bilingual', slowest.p50, 'ms', 2 * zh.p50, { baseline: zh.p50, maxRatio: 2, note: `slowest ${slowest.language}; ${note}` }),
    entry('pdf-form-bilingual-size', largest.size / 1024, 'KB', 250, { baseline: zh.size / 1024, note: `largest ${largest.language}` }),
  ];
}
