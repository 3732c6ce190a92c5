import { PostgresDriver } from './postgresDriver';
import type { PlatformStore } from './repository';
import { SqliteDriver } from './sqliteDriver';
import { createSqlStore } from './sqlStore';

export type StorageConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** Opens (creating and migrating as needed) the platform store named by config. */
export async function openStore(cfg: StorageConfig): Promise<PlatformStore> {
  const driver = cfg.kind === 'sqlite' ? SqliteDriver.open(cfg.file) : await PostgresDriver.open(cfg.url);
  return createSqlStore(driver);
}
