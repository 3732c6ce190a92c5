import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { PostgresDriver } from '../store/postgresDriver';
import type { SqlDriver } from '../store/sql';
import { SqliteDriver } from '../store/sqliteDriver';
import { freshDatabase, pgServer } from './pg';

export type DriverEngine = { name: string; open(): Promise<{ driver: SqlDriver; dispose(): Promise<void> }> };

/**
 * The engines a platform SQL test runs on: SQLite always (a fresh file per open), PostgreSQL when a
 * server is available (a fresh database per open), else a skipped test that says why. Registers
 * its own cleanup; call at the top level of a test file.
 */
export async function driverEngines(suite: string): Promise<DriverEngine[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'nin1-engines-'));
  const server = await pgServer();
  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    if ('url' in server) await server.stop();
  });
  let n = 0;
  const engines: DriverEngine[] = [{ name: 'sqlite', open: async () => ({ driver: SqliteDriver.open(join(tmp, `${++n}.sqlite`)), dispose: async () => undefined }) }];
  if ('url' in server) {
    engines.push({
      name: 'postgres',
      async open() {
        const db = await freshDatabase(server.url);
        return { driver: await PostgresDriver.open(db.url), dispose: () => db.drop() };
      },
    });
  } else {
    describe(`${suite} on PostgreSQL`, () => it.skip(`skipped: ${server.skip}`, () => undefined));
  }
  return engines;
}
