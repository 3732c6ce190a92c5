import type Database from 'better-sqlite3';
import { AppFailure } from '../../../shared/result';

export type Migration = {
  version: number;
  name: string;
  up: string;
  /**
   * Rebuilds a table others reference (SQLite's 12-step ALTER): foreign keys are switched off for
   * this migration only (the pragma is a no-op inside a transaction) and checked before commit.
   */
  foreignKeysOff?: boolean;
};

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
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.up);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${m.name} left ${broken.length} broken foreign keys`);
        }
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } finally {
      if (m.foreignKeysOff) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
  return db.pragma('user_version', { simple: true }) as number;
}
