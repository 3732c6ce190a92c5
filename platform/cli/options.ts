import { randomBytes } from 'node:crypto';
import { loadCatalogue } from '../../electron/services/catalogue/loadCatalogue';
import { resourcePath } from '../../electron/services/resources';
import type { Catalogue } from '../../shared/catalogue/schema';
import { openStore } from '../store/open';
import type { PlatformStore } from '../store/repository';

export class UsageError extends Error {}

export type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;
export type Values = Record<string, string | boolean | undefined>;

export type Command = { name: string; usage: string; options: OptionSpec; run(values: Values): Promise<number> };

/** Storage and catalogue options every sub-command takes. */
export const STORAGE_OPTIONS: OptionSpec = { db: { type: 'string' }, pg: { type: 'string' }, catalogue: { type: 'string' } };

export function need(values: Values, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || v === '') throw new UsageError(`缺少 --${key}`);
  return v;
}

/** `--db FILE` (SQLite) or `--pg URL` / NIN1_PLATFORM_PG (PostgreSQL). */
export async function storeFrom(values: Values): Promise<PlatformStore> {
  const pg = (values.pg as string | undefined) ?? process.env.NIN1_PLATFORM_PG;
  if (pg) return openStore({ kind: 'postgres', url: pg });
  return openStore({ kind: 'sqlite', file: need(values, 'db') });
}

export const catalogueFrom = (values: Values): Catalogue => loadCatalogue((values.catalogue as string | undefined) ?? resourcePath('catalogue'));

/**
 * The token secret: NIN1_PLATFORM_SECRET when set (required when several nodes share a database,
 * and the better place for it), else one generated on first start and kept in the database.
 */
export async function secretFor(store: PlatformStore): Promise<string> {
  const env = process.env.NIN1_PLATFORM_SECRET;
  if (env !== undefined) {
    if (env.length < 32) throw new UsageError('NIN1_PLATFORM_SECRET 至少要 32 個字元');
    return env;
  }
  return store.metaGetOrSet('token-secret', randomBytes(32).toString('base64url'));
}

export async function withStore<T>(values: Values, fn: (store: PlatformStore) => Promise<T>): Promise<T> {
  const store = await storeFrom(values);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
