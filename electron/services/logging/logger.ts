import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One root logger per process; modules take `logger.child({ module })`. Personal data (ID numbers,
 * names, addresses) never goes into a log line — log case numbers and codes instead.
 */
export function createLogger(options: { level?: string; file?: string } = {}): Logger {
  const level = options.level ?? process.env.NIN1_LOG_LEVEL ?? 'info';
  if (options.file) return pino({ level, base: { app: 'n-in-1' } }, pino.destination({ dest: options.file, mkdir: true, sync: false }));
  return pino({ level, base: { app: 'n-in-1' } }, pino.destination(2));
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
