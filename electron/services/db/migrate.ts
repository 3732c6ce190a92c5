import type Database from 'better-sqlite3';
import { AppFailure } from '../../../shared/result';

export type Migration = { version: number; name: string; up: string };

/**
 * Brings a database to the latest schema, each migration in its own transaction with
 * `PRAGMA user_version` (Signal-Desktop's pattern). Refuses a database written by a newer app, so
 * an old build can never half-understand new data.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], target = migrations.length): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    throw new AppFailure({
      code: 'DB_TOO_NEW',
      message: `資料庫版本（${current}）比本程式支援的版本（${latest}）新，請更新程式後再開啟。`,
    });
  }
  for (const m of migrations.slice(current, target)) {
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
