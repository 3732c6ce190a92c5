import { AppFailure } from '../../shared/result';

/**
 * "The database cannot serve this right now": a dropped connection, a timeout, a held lock, a
 * server shutting down. Not a bug in the request, so the HTTP layer answers 503 (clients retry;
 * every platform write is idempotent) instead of 500, and the process keeps serving.
 */
export const DB_UNAVAILABLE = 'DB_UNAVAILABLE';

export const dbUnavailable = (why: string): AppFailure =>
  new AppFailure({ code: DB_UNAVAILABLE, message: `平台資料庫暫時無法使用（${why}），請稍後再試` });

export const isDbUnavailable = (e: unknown): e is AppFailure => e instanceof AppFailure && e.error.code === DB_UNAVAILABLE;

/**
 * PostgreSQL SQLSTATEs that mean "try again later": 08 connection exception, 53 insufficient
 * resources (disk, memory, connections), 57P01–57P03 shutdown / terminated backend, 57014 statement
 * timeout, 55P03 lock timeout, 25P03 idle-in-transaction timeout, 40001/40P01 serialization and deadlock.
 */
const RETRYABLE_STATE = /^(08|53|57P0[1-3]$|57014$|55P03$|25P03$|40001$|40P01$)/;
/** node-postgres's own client-side failures carry no SQLSTATE, only these messages or socket errno codes. */
const CLIENT_SIDE = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT/;

export function isRetryablePgError(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  if (!err || typeof err !== 'object') return false;
  if (typeof err.code === 'string' && (RETRYABLE_STATE.test(err.code) || CLIENT_SIDE.test(err.code))) return true;
  return typeof err.message === 'string' && CLIENT_SIDE.test(err.message);
}

/** Turns a retryable driver error into the typed DB_UNAVAILABLE failure; anything else is passed on untouched. */
export function asUnavailable(e: unknown): unknown {
  if (isDbUnavailable(e) || !isRetryablePgError(e)) return e;
  const err = e as { code?: string; message?: string };
  return dbUnavailable(err.code && /^[0-9A-Z]{5}$/.test(err.code) ? `PostgreSQL ${err.code}` : (err.message ?? '連線中斷'));
}
