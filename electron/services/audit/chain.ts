import { createHash } from 'node:crypto';

/**
 * The hash chain shared by the counter's audit table and the platform's audit log: each row's hash
 * covers the previous row's hash and the row's fields (as a JSON array, so field order is fixed and
 * no separator can be forged). Editing, inserting or deleting any row breaks every later link.
 */
export const GENESIS_HASH = '0'.repeat(64);

export const chainHash = (prev: string, fields: readonly unknown[]): string => createHash('sha256').update(prev).update(JSON.stringify(fields)).digest('hex');
