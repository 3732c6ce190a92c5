import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from './postgres';
import { SQLITE_MIGRATIONS } from './sqlite';

/** table → column names, read from the CREATE TABLE statements of a migration list. */
function shape(migrations: readonly { up: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of migrations) {
    for (const t of m.up.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\s*\)( STRICT)?;/g)) {
      out[t[1]!] = t[2]!
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('--'))
        .map((l) => l.split(/\s+/)[0]!.replace(/,$/, ''))
        .filter((c) => !['PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK'].includes(c.toUpperCase()));
    }
  }
  return out;
}

describe('platform migrations', () => {
  it('SQLite and PostgreSQL have the same versions, tables and columns', () => {
    expect(POSTGRES_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(SQLITE_MIGRATIONS.map((m) => [m.version, m.name]));
    const sqlite = shape(SQLITE_MIGRATIONS);
    expect(Object.keys(sqlite).sort()).toEqual(['audit', 'batch_files', 'changes', 'enrol_codes', 'evidence_chunks', 'evidence_files', 'evidence_log', 'evidence_uploads', 'mail_outbox', 'message_log', 'meta', 'notification_evidence', 'notifications', 'overdue_reminders', 'progress_codes', 'progress_items', 'rate_windows', 'signing_keys', 'stats_day_counts', 'stats_month_agency_counts', 'stats_month_counts', 'stats_month_referrals', 'stats_span_slices', 'stats_spans', 'supplement_rounds', 'tokens', 'transfers']);
    expect(shape(POSTGRES_MIGRATIONS)).toEqual(sqlite);
  });
});
