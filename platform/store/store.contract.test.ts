import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { entryHashOf } from '../../electron/services/signing/hashes';
import { AppFailure } from '../../shared/result';
import { GENESIS_HASH } from '../../shared/signing/schema';
import type { NotificationEnvelope } from '../../shared/platform/wire';
import { decide } from '../notifications/lifecycle';
import { n04LandEnvelope, notificationEnvelope, verificationEnvelope } from '../testing/envelopes';
import { startTestPlatform } from '../testing/harness';
import { freshDatabase, pgServer } from '../testing/pg';
import { POSTGRES_MIGRATIONS } from './migrations/postgres';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { PostgresDriver } from './postgresDriver';
import type { AuditDraft, PlatformStore, TokenRecord } from './repository';
import type { SqlDriver } from './sql';
import { SqliteDriver } from './sqliteDriver';
import { createSqlStore } from './sqlStore';

/**
 * One repository contract, run on SQLite always and on PostgreSQL when a server is available
 * (PG_TEST_URL, PGHOST, or a throwaway cluster from scripts/pg-test-server.sh).
 */
type Engine = { name: 'sqlite' | 'postgres'; open(): Promise<{ driver: SqlDriver; reopen(): Promise<SqlDriver>; dispose(): Promise<void> }>; tooNew(): Promise<void> };

const tmp = mkdtempSync(join(tmpdir(), 'nin1-store-'));
const server = await pgServer();
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if ('url' in server) await server.stop();
});

let n = 0;
const sqliteEngine: Engine = {
  name: 'sqlite',
  async open() {
    const file = join(tmp, `s${++n}.sqlite`);
    return { driver: SqliteDriver.open(file), reopen: async () => SqliteDriver.open(file), dispose: async () => undefined };
  },
  async tooNew() {
    const file = join(tmp, 'newer.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`);
    db.close();
    expect(() => SqliteDriver.open(file)).toThrow(AppFailure);
  },
};

const engines: Engine[] = [sqliteEngine];
if ('url' in server) {
  engines.push({
    name: 'postgres',
    async open() {
      const db = await freshDatabase(server.url);
      return { driver: await PostgresDriver.open(db.url), reopen: () => PostgresDriver.open(db.url), dispose: () => db.drop() };
    },
    async tooNew() {
      const db = await freshDatabase(server.url);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query(`CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (${POSTGRES_MIGRATIONS.length + 1})`);
      await c.end();
      await expect(PostgresDriver.open(db.url)).rejects.toThrow(/比本程式支援的版本/);
      await db.drop();
    },
  });
}

const at = (d: Date) => d.toISOString();
const audit = (action: string): AuditDraft => ({ at: new Date().toISOString(), actor: 'test', action });
const NOW = new Date('2026-11-26T02:30:00.000Z');
const items = (envs: NotificationEnvelope[]) => envs.map((envelope) => ({ envelope, bodySha256: 'f'.repeat(64) }));

async function withStore<T>(engine: Engine, fn: (s: PlatformStore, driver: SqlDriver) => Promise<T>): Promise<T> {
  const h = await engine.open();
  const store = createSqlStore(h.driver);
  try {
    return await fn(store, h.driver);
  } finally {
    await store.close();
    await h.dispose();
  }
}

if (!('url' in server)) {
  describe('platform store on PostgreSQL', () => {
    it.skip(`skipped: ${server.skip}`, () => undefined);
  });
}

describe.each(engines)('platform store on $name', (engine) => {
  it('migrates a new database, reopens without change, refuses a newer one', async () => {
    const h = await engine.open();
    await h.driver.close();
    const again = await h.reopen();
    const tables = await again.all<{ name: string }>(
      engine.name === 'sqlite' ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'" : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['notifications', 'changes', 'tokens', 'enrol_codes', 'batch_files', 'message_log', 'audit', 'mail_outbox', 'meta']));
    await again.close();
    await h.dispose();
    await engine.tooNew();
  });

  it('submit is idempotent, answers the original result, and keeps another office out', async () => {
    await withStore(engine, async (s) => {
      const envs = [notificationEnvelope(), verificationEnvelope(), n04LandEnvelope()];
      const mails = [{ notificationId: envs[1]!.id, to: 'verify@kh-tax.example.gov.tw', subject: 's', body: 'b' }];
      const first = await s.submit('FS01', items(envs), mails, 'workstation:FS01/W', NOW, audit('submit'));
      expect(first.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
      const later = new Date(NOW.getTime() + 60_000);
      const second = await s.submit('FS01', items(envs), mails, 'workstation:FS01/W', later, audit('submit'));
      expect(second).toEqual(first.map((r) => ({ ...r, outcome: 'duplicate' })));
      const conflict = await s.submit('FS02', items([envs[0]!]), [], 'workstation:FS02/W', later, audit('submit'));
      expect(conflict[0]).toMatchObject({ outcome: 'rejected', error: { code: 'ID_CONFLICT' } });
      expect(await s.counts()).toMatchObject({ notifications: 3, changes: 3, mails: 1 });
      const entry = await s.getEntry(envs[1]!.id);
      expect(entry).toMatchObject({ kind: 'verification', status: 'delivered', payload: envs[1]!.payload, person: envs[1]!.person, deliveredAt: at(NOW) });
    });
  });

  it("a batch's progress records and alert mails: the highest issue per case wins, a lower one never replaces, mails only for stored requests", async () => {
    await withStore(engine, async (s) => {
      const rec = (issue: number, c: string) => ({ alg: 'hmac-sha256-v1' as const, salt: c.repeat(22), hash: c.repeat(43), issue });
      const [A, B, C] = ['FS01-1151126-9001', 'FS01-1151126-9002', 'FS01-1151126-9003'];
      const a1 = notificationEnvelope({ caseNo: A, progress: rec(1, 'a') });
      await s.submit('FS01', items([a1, notificationEnvelope({ caseNo: B, progress: rec(2, 'b') })]), [], 'w', NOW, audit('submit'));
      const [v1, v2] = [verificationEnvelope({ caseNo: C }), verificationEnvelope({ caseNo: C })];
      const mail = (e: NotificationEnvelope) => ({ notificationId: e.id, to: 'verify@kh-tax.example.gov.tw', subject: `s ${e.id}`, body: 'b' });
      const batch = [
        notificationEnvelope({ caseNo: A, progress: rec(3, 'c') }),
        notificationEnvelope({ caseNo: A, progress: rec(2, 'd') }),
        notificationEnvelope({ caseNo: B, progress: rec(1, 'e') }),
        notificationEnvelope({ caseNo: C, progress: rec(1, 'f') }),
        v1,
        a1, // a resend: duplicate, so the mail named for it is not queued
        v2,
      ];
      const out = await s.submit('FS01', items(batch), [mail(v1), mail(a1), mail(v2)], 'w', NOW, audit('submit'));
      expect(out.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'duplicate', 'accepted']);
      expect(await s.progressRecord(A)).toEqual(rec(3, 'c'));
      expect(await s.progressRecord(B)).toEqual(rec(2, 'b'));
      expect(await s.progressRecord(C)).toEqual(rec(1, 'f'));
      expect((await s.dueMails(NOW.getTime(), 10)).map((m) => [m.notificationId, m.subject, m.attempts])).toEqual([
        [v1.id, `s ${v1.id}`, 0],
        [v2.id, `s ${v2.id}`, 0],
      ]);
    });
  });

  it('registered cases in one request: a case twice keeps its first highest issue, an item twice its first registration', async () => {
    await withStore(engine, async (s) => {
      const rec = (issue: number, c: string) => ({ alg: 'hmac-sha256-v1' as const, salt: c.repeat(22), hash: c.repeat(43), issue });
      const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
      const item = (n: number, itemCode = 'N01', receiverAgency = 'KH-TAX') => ({ notificationId: id(n), itemCode, receiverAgency });
      const [A, B] = ['FS01-1151204-0001', 'FS01-1151204-0002'];
      await s.registerProgress('FS01', [{ caseNo: B, progress: rec(3, 'z'), items: [] }], at(NOW), audit('progress'));
      await s.registerProgress(
        'FS01',
        [
          { caseNo: A, progress: rec(1, 'a'), items: [item(1), item(2, 'N04', 'KH-LAND-FS')] },
          { caseNo: B, progress: rec(2, 'b'), items: [item(3)] },
          { caseNo: A, progress: rec(2, 'c'), items: [item(2, 'N04', 'KH-LAND-GS')] },
          { caseNo: A, progress: rec(2, 'd'), items: [] },
        ],
        at(NOW),
        audit('progress'),
      );
      expect(await s.progressRecord(A)).toEqual(rec(2, 'c'));
      expect(await s.progressRecord(B)).toEqual(rec(3, 'z'));
      expect((await s.progressItems(A)).map((r) => [r.itemCode, r.receiverAgency, r.status])).toEqual([
        ['N01', 'KH-TAX', 'registered'],
        ['N04', 'KH-LAND-FS', 'registered'],
      ]);
      expect((await s.progressItems(B)).map((r) => r.itemCode)).toEqual(['N01']);
    });
  });

  it('an envelope describes itself: the inbox returns its life event, item title and field labels (issue 12)', async () => {
    await withStore(engine, async (s) => {
      const context = { lifeEvent: 'death', lifeEventName: '家人身後事', itemTitle: '全民健康保險退保（死亡）', labels: { deceasedName: '亡者姓名' } };
      const described = notificationEnvelope({ itemCode: 'D06', receiverAgency: 'KH-TAX', payload: { deceasedName: '陳文雄' }, context });
      const older = notificationEnvelope();
      await s.submit('FS01', items([described, older]), [], 'w', NOW, audit('submit'));
      const { entries } = await s.inbox('KH-TAX', { limit: 50 });
      expect(entries.find((e) => e.id === described.id)?.context).toEqual(context);
      expect(entries.find((e) => e.id === older.id)?.context).toBeNull();
    });
  });

  it('a submitted envelope is logged in the submit: held ones once (a resend finds its entry), refused ones never', async () => {
    await withStore(engine, async (s) => {
      const e = notificationEnvelope();
      const message = { id: e.id, hash: 'c'.repeat(64), body: JSON.stringify(e), notificationId: e.id };
      const item = [{ envelope: e, bodySha256: 'f'.repeat(64), message }];
      expect((await s.submit('FS01', item, [], 'w', NOW, audit('submit')))[0]!.outcome).toBe('accepted');
      const entry = (await s.evidenceLog.entryOf(e.id))!;
      expect(entry).toMatchObject({ seq: 1, messageHash: 'c'.repeat(64), body: message.body });
      expect((await s.submit('FS01', item, [], 'w', NOW, audit('submit')))[0]!.outcome).toBe('duplicate');
      expect((await s.submit('FS02', item, [], 'w', NOW, audit('submit')))[0]!.outcome).toBe('rejected');
      expect(await s.evidenceLog.head()).toEqual({ seq: 1, hash: entry.hash });
      // Read back without a writer's turn: the same entry.
      expect((await s.evidenceLog.appendOrGet([message], NOW.toISOString())).get(e.id)).toEqual({ seq: entry.seq, at: entry.at, messageId: e.id, messageHash: entry.messageHash, prevHash: entry.prevHash, hash: entry.hash });
    });
  });

  it('a signed message lands with its change: the same message id twice at once is applied once, and pages the platform lost roll the answer back', async () => {
    await withStore(engine, async (s) => {
      const [a, b] = [notificationEnvelope(), notificationEnvelope()];
      await s.submit('FS01', items([a, b]), [], 'w', NOW, audit('submit'));
      const message = { id: '01900000-0000-7000-8000-00000000aaaa', hash: 'a'.repeat(64), body: '{}', notificationId: a.id };
      const complete = () => s.transition(a.id, (st) => decide({ action: 'complete' }, st, 'KH-TAX'), 'agency:KH-TAX/d', NOW, audit('complete'), { message });
      const both = await Promise.all([complete(), complete()]);
      const applied = both.find((r) => r.ok);
      const replayed = both.find((r) => !r.ok);
      expect(applied?.ok && applied.changes.map((c) => c.status)).toEqual(['received', 'completed']);
      expect(replayed).toEqual({ ok: false, code: 'REPLAYED', logged: applied?.ok && applied.logged });
      expect((await s.evidenceLog.head()).seq).toBe(1);

      const before = await s.counts();
      const missingPage = { sha256: 'b'.repeat(64), pages: 1 };
      await expect(s.transition(b.id, (st) => decide({ action: 'complete' }, st, 'KH-TAX'), 'a', NOW, audit('x'), { message: { ...message, id: `${message.id.slice(0, -4)}bbbb` }, answerPages: [missingPage] })).rejects.toMatchObject({ code: 'EVIDENCE_MISSING' });
      expect(await s.counts()).toEqual(before);
      expect((await s.getEntry(b.id))!.status).toBe('delivered');
      expect((await s.evidenceLog.head()).seq).toBe(1);
    });
  });

  it('the message log appends a batch as one chain: resends get their entries, an id twice in a call is logged once', async () => {
    await withStore(engine, async (s) => {
      const msg = (i: number) => ({ id: `m-${String(i).padStart(4, '0')}`, hash: String(i % 10).repeat(64), body: `{"i":${i}}`, notificationId: `n-${i}` });
      const first = await s.evidenceLog.appendOrGet([msg(0), msg(1), msg(2)], at(NOW));
      // More than one multi-row part (logRepo's APPEND_CHUNK), two already logged, one id twice.
      const batch = [msg(1), ...Array.from({ length: 520 }, (_, i) => msg(i + 3)), msg(3), msg(0)];
      const later = at(new Date(NOW.getTime() + 1000));
      const second = await s.evidenceLog.appendOrGet(batch, later);
      expect(second.get('m-0000')).toEqual(first.get('m-0000'));
      expect(second.get('m-0001')).toEqual(first.get('m-0001'));
      expect(second.size).toBe(522);
      const chain = await s.evidenceLog.range(0, 1000);
      expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 523 }, (_, i) => i + 1));
      chain.forEach((e, i) => {
        expect(e.prevHash).toBe(i === 0 ? GENESIS_HASH : chain[i - 1]!.hash);
        expect(e.hash).toBe(entryHashOf({ seq: e.seq, at: e.at, messageId: e.messageId, messageHash: e.messageHash, prevHash: e.prevHash }));
      });
      expect(chain.slice(3).map((e) => [e.messageId, e.at])).toEqual(Array.from({ length: 520 }, (_, i) => [msg(i + 3).id, later]));
      expect(await s.evidenceLog.head()).toEqual({ seq: 523, hash: chain[522]!.hash });
      expect((await s.evidenceLog.entryOf('m-0522'))?.body).toBe('{"i":522}');
    });
  });

  it('transitions write change rows in cursor order and timestamps for turnaround', async () => {
    await withStore(engine, async (s) => {
      const [a, v] = [notificationEnvelope(), verificationEnvelope()];
      await s.submit('FS01', items([a, v]), [], 'w', NOW, audit('submit'));
      const t1 = new Date(NOW.getTime() + 120_000);
      const r = await s.transition(a.id, (st) => decide({ action: 'complete' }, st, 'KH-TAX'), 'agency:KH-TAX/d', t1, audit('complete'));
      expect(r.ok && r.changes.map((c) => c.status)).toEqual(['received', 'completed']);
      const ans = { found: false, text: '查無稅籍' };
      const r2 = await s.transition(v.id, (st) => decide({ action: 'answer', answer: ans }, st, 'KH-TAX'), 'agency:KH-TAX/d', t1, audit('answer'));
      expect(r2.ok && r2.entry.answer).toEqual(ans);
      expect(await s.transition(a.id, (st) => decide({ action: 'reject', reason: 'x' }, st, 'KH-TAX'), 'a', t1, audit('x'))).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
      expect(await s.transition('01900000-0000-7000-8000-000000000000', (st) => decide({ action: 'receive' }, st, 'KH-TAX'), 'a', t1, audit('x'))).toEqual({ ok: false, code: 'NOT_FOUND' });
      const feed = await s.changes('FS01', 0, 100);
      expect(feed.changes.map((c) => [c.notificationId === a.id ? 'a' : 'v', c.status])).toEqual([['a', 'delivered'], ['v', 'delivered'], ['a', 'received'], ['a', 'completed'], ['v', 'received'], ['v', 'completed']]);
      expect(feed.changes[5]!.answer).toEqual(ans);
      const page = await s.changes('FS01', feed.changes[1]!.cursor, 2);
      expect(page).toMatchObject({ more: true, nextCursor: feed.changes[3]!.cursor });
      expect(await s.changes('FS02', 0, 100)).toEqual({ changes: [], nextCursor: 0, more: false });
      const stats = await s.stats({ groupBy: ['agency'] });
      expect(stats.timings).toEqual([{ agency: 'KH-TAX', received: { n: 2, medianS: 120, p90S: 120 }, closed: { n: 2, medianS: 120, p90S: 120 } }]);
    });
  });

  it('parallel submits get strictly increasing cursors a paging reader never skips', async () => {
    await withStore(engine, async (s) => {
      const batches = Array.from({ length: 8 }, () => Array.from({ length: 25 }, () => notificationEnvelope()));
      const reader = (async () => {
        // page while writers run: with serial writers no row may appear behind the cursor
        const seen = new Set<string>();
        let cursor = 0;
        for (let i = 0; i < 200 && seen.size < 200; i++) {
          const p = await s.changes('FS01', cursor, 7);
          for (const c of p.changes) seen.add(c.notificationId);
          cursor = p.nextCursor;
          await new Promise((r) => setTimeout(r, 2));
        }
        return { seen, cursor };
      })();
      await Promise.all(batches.map((b) => s.submit('FS01', items(b), [], 'w', NOW, audit('submit'))));
      let { seen, cursor } = await reader;
      for (;;) {
        const p = await s.changes('FS01', cursor, 50);
        for (const c of p.changes) seen.add(c.notificationId);
        cursor = p.nextCursor;
        if (!p.more) break;
      }
      seen = new Set(seen);
      expect(seen.size).toBe(200);
      const all = (await s.changes('FS01', 0, 1000)).changes.map((c) => c.cursor);
      expect(all).toEqual([...all].sort((x, y) => x - y));
      expect(new Set(all).size).toBe(200);
    });
  });

  it('inbox pages and filters; a one-time code redeems exactly once even when raced', async () => {
    await withStore(engine, async (s) => {
      await s.submit('FS01', items([notificationEnvelope(), verificationEnvelope(), notificationEnvelope(), n04LandEnvelope()]), [], 'w', NOW, audit('submit'));
      const p1 = await s.inbox('KH-TAX', { limit: 2 });
      const p2 = await s.inbox('KH-TAX', { limit: 2, cursor: p1.nextCursor! });
      expect([p1.entries.length, p2.entries.length, p2.nextCursor]).toEqual([2, 1, null]);
      expect((await s.inbox('KH-TAX', { limit: 50, item: 'V01' })).entries).toHaveLength(1);
      expect((await s.inbox('KH-TAX', { limit: 50, from: '2026-11-27' })).entries).toHaveLength(0);

      await s.addEnrolCode(
        { codeHash: 'h1', kind: 'workstation', officeCode: 'FS01', workstationId: 'W1', agencyCode: null, clientId: null, reusable: false, createdAt: at(NOW), expiresAt: '2099-01-01T00:00:00.000Z', usedAt: null },
        audit('code'),
      );
      const token = (jti: string): TokenRecord => ({ jti, kind: 'workstation', subject: 'workstation:FS01/W1', officeCode: 'FS01', workstationId: 'W1', agencyCode: null, clientId: null, issuedAt: at(NOW), expiresAt: '2099-01-01T00:00:00.000Z', revokedAt: null });
      const raced = await Promise.all(['j1', 'j2', 'j3'].map((j) => s.redeemEnrolCode('h1', () => true, token(j), audit('enrol'))));
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect((await s.counts()).tokens).toBe(1);
      const jti = ['j1', 'j2', 'j3'][raced.indexOf(true)]!;
      expect(await s.revokeTokens({ subject: 'workstation:FS01/W1' }, at(NOW), audit('revoke'))).toBe(1);
      expect((await s.getToken(jti))?.revokedAt).toBe(at(NOW));
    });
  });

  it('batch files round-trip their bytes; mails are claimed by one worker; the audit chain verifies and is append-only', async () => {
    await withStore(engine, async (s, driver) => {
      const bytes = Buffer.from([0, 1, 2, 255, 254, 0x5c, 0x27]);
      const b = { id: '0b8f4a52-4f1e-4d6c-9a55-3f0f7f0d1a01', receiverAgency: 'KH-TAX', sender: 'x', dataset: 'd', period: null, fileName: 'f.bin', mime: 'application/octet-stream', size: bytes.length, sha256: 'a'.repeat(64), uploadedAt: at(NOW) };
      expect((await s.putBatch(b, bytes, audit('up'))).outcome).toBe('accepted');
      expect((await s.putBatch(b, bytes, audit('up'))).outcome).toBe('duplicate');
      expect(Buffer.compare((await s.getBatchContent(b.id))!, bytes)).toBe(0);
      expect((await s.listBatches('KH-TAX', { limit: 10 })).batches).toEqual([b]);

      const v = verificationEnvelope();
      await s.submit('FS01', items([v]), [{ notificationId: v.id, to: 't@x', subject: 's', body: 'b' }], 'w', NOW, audit('submit'));
      const [m] = await s.dueMails(NOW.getTime(), 10);
      const claims = await Promise.all([1, 2, 3].map(() => s.claimMail(m!.id, m!.nextAttemptMs, NOW.getTime() + 60_000)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await s.dueMails(NOW.getTime(), 10)).toEqual([]);
      await s.mailFailed(m!.id, 'down', NOW.getTime() + 1);
      expect(await s.dueMails(NOW.getTime() + 1, 10)).toHaveLength(1);
      await s.mailSent(m!.id, at(NOW));
      expect(await s.dueMails(NOW.getTime() + 10_000_000, 10)).toEqual([]);

      const audited = await s.verifyAudit();
      expect(audited).toEqual({ ok: true, rows: 2 }); // upload + submit; the duplicate upload is not a new event
      await expect(driver.run("UPDATE audit SET actor = 'mallory'")).rejects.toThrow(/append-only/);
      await expect(driver.run('DELETE FROM audit')).rejects.toThrow(/append-only/);
      // Someone with raw database access who disables the guard is still caught by the chain.
      await driver.run(engine.name === 'sqlite' ? 'DROP TRIGGER audit_no_update' : 'ALTER TABLE audit DISABLE TRIGGER audit_no_update');
      await driver.run("UPDATE audit SET actor = 'mallory' WHERE action = 'up'");
      expect(await s.verifyAudit()).toEqual({ ok: false, brokenAt: expect.any(Number) });
    });
  });

  it('serves the whole HTTP round trip', async () => {
    const h = await engine.open();
    const t = await startTestPlatform({ store: createSqlStore(h.driver) });
    try {
      const ws = await t.workstationToken();
      const tax = await t.agencyToken('KH-TAX');
      const e = notificationEnvelope();
      expect((await t.http.call('submitNotifications', { body: { notifications: [e] } }, ws)).body.results[0]!.outcome).toBe('accepted');
      expect((await t.http.call('submitNotifications', { body: { notifications: [e] } }, ws)).body.results[0]!.outcome).toBe('duplicate');
      expect((await t.http.call('notificationAction', { params: { id: e.id }, body: { action: 'complete' } }, tax)).status).toBe(200);
      const feed = await t.http.call('officeChanges', { params: { office: 'FS01' }, query: {} }, ws);
      expect(feed.body.changes.map((c) => c.status)).toEqual(['delivered', 'received', 'completed']);
      expect((await t.http.call('health', {})).body.storage).toBe(engine.name);
    } finally {
      await t.close();
      await h.dispose();
    }
  });
});
