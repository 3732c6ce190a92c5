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

export async function withStore<T>(values: Values, fn: (store: PlatformStore) => Promise<T>): Promise<T> {
  const store = await storeFrom(values);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
