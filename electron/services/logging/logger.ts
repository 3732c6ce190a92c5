import pino, { type Logger } from 'pino';
import { dirname } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../db/privateFiles';
import { rotatingFile } from './rotatingFile';

export type { Logger };

/**
 * Keys that could carry personal data if a caller ever logged a whole object: censored by pino as a
 * second line of defence. The first line is the rule: log case numbers and codes, never people.
 */
const REDACT = [
  'person', '*.person', 'input', '*.input', 'body', '*.body', 'password', '*.password', 'pin', '*.pin',
  'personId', '*.personId', 'oldAddress', '*.oldAddress', 'newAddress', '*.newAddress', 'address', '*.address', 'phone', '*.phone',
  'token', '*.token', 'authorization', '*.authorization',
];

const OPTIONS = (level: string): pino.LoggerOptions => ({
  level,
  base: { app: 'n-in-1' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: REDACT, censor: '[已遮蔽]' },
});

/**
 * One root logger per process; modules take `logger.child({ module })`. JSON lines, to stderr or
 * to a file: `file` appends to one file, `dir` writes daily files rotated by size (see
 * rotatingFile.ts) — the form IT collects with the diagnostics bundle.
 */
export function createLogger(options: { level?: string; file?: string; dir?: string } = {}): Logger {
  const level = options.level ?? process.env.NIN1_LOG_LEVEL ?? 'info';
  if (options.dir) return pino(OPTIONS(level), rotatingFile({ dir: options.dir }));
  if (options.file) {
    ensurePrivateDir(dirname(options.file));
    return pino(OPTIONS(level), pino.destination({ dest: options.file, mode: PRIVATE_FILE_MODE, sync: false }));
  }
  return pino(OPTIONS(level), pino.destination(2));
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
