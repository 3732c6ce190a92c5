import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../electron/services/catalogue/loadCatalogue';
import { resourcePath } from '../../electron/services/resources';
import { InboxEntry, StatusChange } from '../../shared/platform/wire';
import { issueAdminToken } from '../auth/enrolment';
import { createSqlStore } from '../store/sqlStore';
import type { AuditDraft } from '../store/repository';
import { notificationEnvelope, verificationEnvelope } from '../testing/envelopes';
import { startTestPlatform } from '../testing/harness';
import { driverEngines } from '../testing/driverEngines';
import { PURGED_PERSON, PURGED_TEXT } from './repo';
import { runRetentionPurge } from './run';

/** The retention purge over real HTTP (responses checked by the harness) on SQLite and, when available, PostgreSQL. */
const engines = await driverEngines('retention purge');

const catalogue = loadCatalogue(resourcePath('catalogue'));
// Everything is delivered and closed on 2026-11-26 (the harness clock); V01 keeps 3 years, N01 5.
const AFTER_V01 = new Date('2029-11-27T00:00:00.000Z');
const AFTER_N01 = new Date('2031-11-27T00:00:00.000Z');
const PERSONAL = ['A123456789', '王小明', '王大明', '光復路', '房屋稅已繳清', '地址不符'];

type NRow = { id: string; person: string; payload: string; answer: string | null; reason: string | null; status: string; item_code: string; receiver_agency: string; closed_ms: number | string | null; purged_ms: number | string | null; delivered_at: string };

describe.each(engines)('retention purge on $name', (engine) => {
  it('strips old closed notifications only, keeps statuses and statistics, once; the inbox and changes feed still validate', async () => {
    const h = await engine.open();
    const store = createSqlStore(h.driver);
    const t = await startTestPlatform({ store });
    try {
      const ws = await t.workstationToken();
      const tax = await t.agencyToken('KH-TAX');
      const admin = (await issueAdminToken(store, t.clock, t.platform.deps.config.secret, 'ops', 30)).token;
      const [done, rejected, open, answered] = [notificationEnvelope(), notificationEnvelope(), notificationEnvelope(), verificationEnvelope()];
      expect((await t.http.call('submitNotifications', { body: { notifications: [done!, rejected!, open!, answered!] } }, ws)).status).toBe(200);
      t.clock.advance(10 * 60_000);
      const act = async (id: string, body: object) => expect((await t.http.call('notificationAction', { params: { id }, body: body as never }, tax)).status).toBe(200);
      await act(done!.id, { action: 'complete' });
      await act(rejected!.id, { action: 'reject', reason: '王小明 地址不符' });
      await act(answered!.id, { action: 'answer', answer: { found: true, text: '房屋稅已繳清（115年期）' } });
      await act(open!.id, { action: 'receive' });

      const row = (id: string) => h.driver.get<NRow>('SELECT * FROM notifications WHERE id = ?', [id]).then((r) => r!);
      const all = () => h.driver.all<NRow>('SELECT * FROM notifications ORDER BY seq');
      const changesOf = (id: string) => h.driver.all<{ answer: string | null; reason: string | null; status: string }>('SELECT answer, reason, status FROM changes WHERE notification_id = ? ORDER BY cursor', [id]);
      const stats = async () => (await t.http.call('stats', { query: { groupBy: 'item' } }, admin)).body;
      const statsBefore = await stats();
      const auditBefore = (await store.counts()).audit;
      const before = await all();

      // Dry run: counts, writes nothing (not even an audit row).
      expect(await runRetentionPurge({ store, catalogue, now: AFTER_N01, dryRun: true })).toEqual({ checked: 3, purged: 3, byItem: { N01: 2, V01: 1 } });
      expect(await all()).toEqual(before);
      expect((await store.counts()).audit).toBe(auditBefore);

      // Three years on: only the 檢證 (3 years) is due; the closed N01s (5 years) are young, the open one never.
      expect(await runRetentionPurge({ store, catalogue, now: AFTER_V01 })).toEqual({ checked: 3, purged: 1, byItem: { V01: 1 } });
      const v = await row(answered!.id);
      expect(JSON.parse(v.person)).toEqual({ id: '', name: PURGED_TEXT });
      expect(v.payload).toBe('{}');
      expect(JSON.parse(v.answer!)).toEqual({ found: true, text: PURGED_TEXT });
      expect(v).toMatchObject({ status: 'completed', item_code: 'V01', receiver_agency: 'KH-TAX', delivered_at: before.find((b) => b.id === answered!.id)!.delivered_at });
      expect(Number(v.purged_ms)).toBe(AFTER_V01.getTime());
      for (const c of await changesOf(answered!.id)) expect(c.answer === null || JSON.parse(c.answer).text === PURGED_TEXT).toBe(true);
      for (const young of [done!, rejected!, open!]) expect(await row(young.id)).toEqual(before.find((b) => b.id === young.id));

      // Five years on: the closed N01s go; the open one is untouched; the 檢證 is not touched again.
      expect(await runRetentionPurge({ store, catalogue, now: AFTER_N01 })).toEqual({ checked: 2, purged: 2, byItem: { N01: 2 } });
      expect(Number((await row(answered!.id)).purged_ms)).toBe(AFTER_V01.getTime());
      const r = await row(rejected!.id);
      expect([r.person, r.payload, r.reason, r.status]).toEqual([PURGED_PERSON, '{}', PURGED_TEXT, 'rejected']);
      expect((await changesOf(rejected!.id)).map((c) => c.reason)).toEqual([null, null, PURGED_TEXT]); // delivered, received, rejected
      expect(await row(open!.id)).toEqual(before.find((b) => b.id === open!.id));
      for (const p of await all()) {
        if (p.id === open!.id) continue;
        const text = [p.person, p.payload, p.answer, p.reason].join('|') + JSON.stringify(await changesOf(p.id));
        for (const s of PERSONAL) expect(text).not.toContain(s);
      }

      // A second run purges nothing; statistics are unchanged.
      expect(await runRetentionPurge({ store, catalogue, now: AFTER_N01 })).toEqual({ checked: 0, purged: 0, byItem: {} });
      expect(await stats()).toEqual(statsBefore);

      // The agency inbox still lists them, tombstoned, and every entry validates (the harness checks responses too).
      const inbox = await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: {} }, tax);
      expect(inbox.status).toBe(200);
      expect(inbox.body.entries).toHaveLength(4);
      for (const e of inbox.body.entries) expect(InboxEntry.safeParse(e).success).toBe(true);
      const purged = inbox.body.entries.find((e) => e.id === rejected!.id)!;
      expect(purged).toMatchObject({ person: { id: '', name: PURGED_TEXT }, payload: {}, status: 'rejected', reason: PURGED_TEXT, itemCode: 'N01' });
      expect(inbox.body.entries.find((e) => e.id === open!.id)!.person).toEqual(open!.person);
      const feed = await t.http.call('officeChanges', { params: { office: 'FS01' }, query: { cursor: 0 } }, ws);
      expect(feed.status).toBe(200);
      for (const c of feed.body.changes) expect(StatusChange.safeParse(c).success).toBe(true);
      expect(feed.body.changes.find((c) => c.notificationId === answered!.id && c.status === 'completed')!.answer).toEqual({ found: true, text: PURGED_TEXT });

      // One audit row per run (dry run none), counts only; the chain verifies.
      const runs = await h.driver.all<{ actor: string; detail: string }>("SELECT actor, detail FROM audit WHERE action = 'retention.purge' ORDER BY id");
      expect(runs.map((x) => JSON.parse(x.detail) as { purged: number; byItem: object })).toEqual([
        { checked: 3, purged: 1, byItem: { V01: 1 }, retentionYears: { V01: 3 } },
        { checked: 2, purged: 2, byItem: { N01: 2 }, retentionYears: { N01: 5 } },
        { checked: 0, purged: 0, byItem: {}, retentionYears: {} },
      ]);
      for (const x of runs) for (const s of [...PERSONAL, done!.id, done!.caseNo]) expect(x.detail).not.toContain(s);
      expect(runs[0]!.actor).toBe('system:retention');
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
    } finally {
      await t.close();
      await h.dispose();
    }
  }, 60_000);

  it('pages through more rows than one transaction holds; a code the catalogue no longer lists keeps the longest period', async () => {
    const h = await engine.open();
    const store = createSqlStore(h.driver);
    try {
      const audit: AuditDraft = { at: new Date().toISOString(), actor: 'test', action: 'submit' };
      const at = new Date('2026-11-26T02:30:00.000Z');
      const envs = Array.from({ length: 1_203 }, () => notificationEnvelope());
      for (let i = 0; i < envs.length; i += 400) {
        await store.submit('FS01', envs.slice(i, i + 400).map((envelope) => ({ envelope, bodySha256: 'f'.repeat(64) })), [], 'ws', at, audit);
      }
      await h.driver.run("UPDATE notifications SET status = 'completed', closed_ms = ?", [at.getTime()]);
      // One row becomes an item code no catalogue lists: 5 years (the longest), not V01's 3.
      await h.driver.run("UPDATE notifications SET item_code = 'ZZ99' WHERE id = ?", [envs[0]!.id]);
      await h.driver.run("UPDATE notifications SET item_code = 'V01' WHERE id = ?", [envs[1]!.id]);
      expect(await runRetentionPurge({ store, catalogue, now: AFTER_V01 })).toEqual({ checked: 1_203, purged: 1, byItem: { V01: 1 } });
      expect(await runRetentionPurge({ store, catalogue, now: AFTER_N01 })).toEqual({ checked: 1_202, purged: 1_202, byItem: { N01: 1_201, ZZ99: 1 } });
      expect(Number((await h.driver.get<{ n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE purged_ms IS NULL OR person <> ?', [PURGED_PERSON]))!.n)).toBe(0);
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
    } finally {
      await store.close();
      await h.dispose();
    }
  }, 60_000);
});
