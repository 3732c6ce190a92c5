import crypto from 'node:crypto';

/**
 * Password hashing with scrypt at the OWASP Password Storage Cheat Sheet parameters (N=2^17, r=8,
 * p=1). Stored as `scrypt$N$salt$key`: r and p are 8 and 1 in every hash this app ever wrote, so
 * only N is recorded, and a hash with a smaller N is verified as written and replaced at the next
 * successful login (auth/login.ts).
 *
 * Memory: scrypt needs 128 × N × r bytes = 128 MiB per call; Node's default `maxmem` (32 MiB)
 * refuses that, so it is raised to twice the need. Calls go through `crypto.scrypt` (the thread
 * pool, so a login does not freeze the window or the browser host) one at a time, so a burst of
 * logins never holds more than one 128 MiB block. (`crypto.scrypt` is looked up on each call: the
 * login tests count KDF runs with a spy on it.)
 */
export const SCRYPT_N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;
const maxmem = (n: number): number => 2 * 128 * n * R;

type StoredHash = { n: number; salt: Buffer; key: Buffer };

function parseHash(stored: string): StoredHash | null {
  const [scheme, n, salt, key, extra] = stored.split('$');
  const cost = Number(n);
  if (scheme !== 'scrypt' || !salt || !key || extra !== undefined || !Number.isInteger(cost) || cost < 2 || cost > SCRYPT_N || (cost & (cost - 1)) !== 0) return null;
  return { n: cost, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

const formatHash = (salt: Buffer, key: Buffer): string => `scrypt$${SCRYPT_N}$${salt.toString('base64')}$${key.toString('base64')}`;

/**
 * What an unknown user, a disabled account or an unreadable stored hash is checked against: same
 * cost as a real hash, a key no password produces in practice, so the answer takes as long as for a
 * real account (no user enumeration by timing) and is always "no".
 */
const DUMMY: StoredHash = { n: SCRYPT_N, salt: Buffer.alloc(16, 0x5a), key: Buffer.alloc(KEYLEN, 0) };

let queue: Promise<unknown> = Promise.resolve();

/** One scrypt run on the thread pool, after any run already queued (one 128 MiB block at a time). */
function kdf(password: string, salt: Buffer, n: number, keylen: number): Promise<Buffer> {
  const run = queue.then(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        crypto.scrypt(password.normalize('NFKC'), salt, keylen, { N: n, r: R, p: P, maxmem: maxmem(n) }, (e, key) => (e ? reject(e) : resolve(key)));
      }),
  );
  queue = run.catch(() => undefined);
  return run;
}

/** A new hash at the current parameters (synchronous: account creation runs inside its transaction). */
export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  return formatHash(salt, crypto.scryptSync(password.normalize('NFKC'), salt, KEYLEN, { N: SCRYPT_N, r: R, p: P, maxmem: maxmem(SCRYPT_N) }));
}

/** The same, off the main thread (the rehash after a login). */
export async function hashPasswordAsync(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  return formatHash(salt, await kdf(password, salt, SCRYPT_N, KEYLEN));
}

export type PasswordCheck = { ok: boolean; needsRehash: boolean };

/**
 * Checks a password against a stored hash, or against nothing (`null`: no such user). Every path
 * spends at least one KDF run at the current cost: a hash with an older, cheaper N that does not
 * match is followed by a dummy run, and one that matches is rehashed by the caller.
 */
export async function checkPassword(password: string, stored: string | null): Promise<PasswordCheck> {
  const parsed = stored === null ? null : parseHash(stored);
  const target = parsed ?? DUMMY;
  const actual = await kdf(password, target.salt, target.n, target.key.length || KEYLEN);
  const ok = parsed !== null && actual.length === parsed.key.length && crypto.timingSafeEqual(actual, parsed.key);
  const older = parsed !== null && parsed.n < SCRYPT_N;
  if (older && !ok) await kdf(password, DUMMY.salt, DUMMY.n, KEYLEN);
  return { ok, needsRehash: ok && older };
}

/** Synchronous check, for CLI tests that read a stored hash back. */
export function verifyPassword(password: string, stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = crypto.scryptSync(password.normalize('NFKC'), parsed.salt, parsed.key.length, { N: parsed.n, r: R, p: P, maxmem: maxmem(parsed.n) });
  return crypto.timingSafeEqual(actual, parsed.key);
}
