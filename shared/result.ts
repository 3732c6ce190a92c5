/**
 * Every boundary (IPC, HTTP, validators, services) returns a plain, serializable Result instead of
 * throwing across the wire (Actual's `{ data } | { error }` pattern). `message` is zh-TW for the
 * clerk; `code` is stable for tests, logs and machines.
 */
export type AppError = {
  code: string;
  message: string;
  /** Where the error is, e.g. a form field (`person.id`) or a JSON path (`items[3].receiver`). */
  path?: string;
};

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: string, message: string, path?: string): Err => ({
  ok: false,
  error: path === undefined ? { code, message } : { code, message, path },
});

/** Thrown inside services when a typed error must unwind a transaction; converted back to Err at the boundary. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(`${error.code}: ${error.message}`);
    this.name = 'AppFailure';
  }
}
