import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m016-');
afterAll(() => tmp.cleanup());

describe('migration 016 pinned platform key', () => {
  it('issue 15: a credential enrolled before keeps working, with no key pinned until it enrols again', () => {
    const db = new Database(tmp.file('m16.sqlite'));
    migrate(db, MIGRATIONS, 15);
    db.exec("INSERT INTO platform_credentials (client_key, kind, agency_code, client_id, url, token, expires_at, enrolled_at) VALUES ('workstation', 'workstation', NULL, 'FS01-W01', 'http://127.0.0.1:1', 't', '2027-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
    migrate(db, MIGRATIONS, 16);
    expect(db.pragma('user_version', { simple: true })).toBe(16);
    expect(db.prepare("SELECT token, platform_key FROM platform_credentials WHERE client_key = 'workstation'").get()).toEqual({ token: 't', platform_key: null });
    db.prepare("UPDATE platform_credentials SET platform_key = 'MCowBQYDK2VwAyEA' WHERE client_key = 'workstation'").run();
    expect(db.prepare('SELECT platform_key FROM platform_credentials').pluck().get()).toBe('MCowBQYDK2VwAyEA');
    db.close();
  });
});
