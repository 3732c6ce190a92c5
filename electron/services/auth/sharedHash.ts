import { hashPassword } from './password';

const made = new Map<string, string>();

/**
 * One production-cost hash of `password`, made on first use and reused for the rest of the process.
 * Only for accounts whose password is public (test fixtures, the demo office's `demo1234`): they share
 * a salt, so equal passwords show as equal hashes, which hides nothing a public password could. A
 * scrypt run at N=2^17 costs ~0.4 s idle and seconds on a loaded machine; a fixture or a demo seed
 * that makes several accounts pays it once.
 */
export function sharedPasswordHash(password: string): string {
  let hash = made.get(password);
  if (hash === undefined) made.set(password, (hash = hashPassword(password)));
  return hash;
}
