import type { ScanErrorCode } from '../../../../shared/scanning/errors';

/**
 * scanimage's messages (SANE's sane_strstatus texts) → our codes. The exit status is SANE's
 * status number, but scanimage also exits 0 or 1 for several of these, so the text decides.
 */
const MESSAGES: [RegExp, ScanErrorCode][] = [
  [/jammed/i, 'PAPER_JAM'],
  [/out of documents|no documents/i, 'ADF_EMPTY'],
  [/device busy/i, 'SCANNER_BUSY'],
  [/cover is open/i, 'COVER_OPEN'],
  [/no scanners were identified|open of device .* failed|no such device|invalid argument/i, 'SCANNER_NOT_FOUND'],
  [/access to resource has been denied/i, 'SCANNER_NOT_FOUND'],
  [/operation not supported|invalid value for|attempted to set inactive option/i, 'SCANNER_OPTION_UNSUPPORTED'],
  [/no space left|disk full/i, 'DISK_FULL'],
  [/error during device i\/o|i\/o error|out of memory/i, 'SCANNER_IO'],
];

/** SANE_Status numbers, for when the message is missing. */
const STATUS: Record<number, ScanErrorCode> = { 3: 'SCANNER_BUSY', 4: 'SCANNER_OPTION_UNSUPPORTED', 6: 'PAPER_JAM', 7: 'ADF_EMPTY', 8: 'COVER_OPEN', 9: 'SCANNER_IO', 10: 'SCANNER_IO', 11: 'SCANNER_NOT_FOUND' };

export function saneErrorCode(stderr: string, exitCode: number | null): ScanErrorCode | null {
  // "Document feeder out of documents" after pages is how a stack ends, not an error.
  for (const [re, code] of MESSAGES) if (re.test(stderr)) return code;
  if (exitCode !== null && exitCode !== 0) return STATUS[exitCode] ?? 'SCANNER_IO';
  return null;
}

/** The last `scanimage: …` line, for the detail in parentheses (device words, no personal data). */
export const saneDetail = (stderr: string): string | undefined =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('scanimage:'))
    .pop()
    ?.replace(/^scanimage:\s*/, '')
    .slice(0, 160);
