import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement kept per connection: better-sqlite3 compiles on every `prepare`, and the hot
 * paths (a case save, an audit append) run the same few statements thousands of times. Each SQL text
 * is used at one call site, so a mode set there (`pluck`) stays that site's.
 */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare(sql)));
  return st;
}
