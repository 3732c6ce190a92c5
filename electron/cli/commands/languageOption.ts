import { LANGUAGES, isLanguage, type Language } from '../../../shared/language/languages';
import { AppFailure } from '../../../shared/result';
import type { Values } from '../command';

/** `--lang L` of the print commands: one of the printout languages, or undefined (the case's own). An unknown code stops before anything is printed (exit 2). */
export function languageOption(values: Values): Language | undefined {
  const v = values.lang;
  if (v === undefined) return undefined;
  if (isLanguage(v)) return v;
  throw new AppFailure({ code: 'LANGUAGE_UNKNOWN', message: `不支援的列印語言「${String(v)}」；可用的語言代碼：${LANGUAGES.join('、')}` });
}
