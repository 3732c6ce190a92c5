import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../electron/services/catalogue/loadCatalogue';
import { resourcePath } from '../../electron/services/resources';
import { signedPart } from '../../shared/signing/canonical';
import { EvidenceBundle } from '../../shared/signing/evidence';
import { signMany } from '../../electron/services/signing/batchSignature';
import { signMessage } from '../../electron/services/signing/signingClient';
import { verifyEvidence } from '../../electron/services/signing/verifyEvidence';
import { newKeyPair } from '../../electron/services/signing/workstationKey';
import { issueEnrolCode } from '../auth/enrolment';
import { runRetentionPurge } from '../retention/run';
import { PURGED_LOG_BODY } from '../store/migrations/evidenceLogRetention';
import { createSqlStore } from '../store/sqlStore';
import { driverEngines } from '../testing/driverEngines';
import { notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform } from '../testing/harness';
import { exportEvidence } from './exportEvidence';

/**
 * Retention reaches the message log (platform migration 15): a purged notification's signed
 * messages lose their bodies (the person's id, name, address, the agency's reason), the entries
 * and chain stay, other notifications' evidence still verifies through them, and nothing else in
 * the log can change.
 */
const engines = await driverEngines('message log retention');
const catalogue = loadCatalogue(resourcePath('catalogue'));
const AFTER_N01 = new Date('2031-11-27T00:00:00.000Z'); // N01 keeps 5 years; the harness closes on 2026-11-26

type LogRow = { seq: number | string; message_id: string; hash: string; body: string; notification_id: string | null };

describe.each(engines)('message log retention on $name', (engine) => {
  it('a purged notification\'s envelope and signed 退回 lose their bodies; entries, chain and other evidence stay; the log refuses any other change', async () => {
    const h = await engine.open();
    const store = createSqlStore(h.driver);
    const t = await startTestPlatform({ store });
    try {
      const enrol = async (client: object, target: object) => {
        const signer = newKeyPair().signer;
        const { code } = await issueEnrolCode(store, t.clock, target as never);
        const token = ((await t.http.call('enroll', { body: { code, client, publicKey: signer.publicKey } as never })).body as { token: string }).token;
        return { signer, token };
      };
      const ws = await enrol({ kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01', senderAgency: 'KH-HR-FS' });
      const tax = await enrol({ kind: 'agency', agencyCode: 'KH-TAX', clientId: 'desk-1' }, { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'desk-1' });
      const [old, open] = [notificationEnvelope(), notificationEnvelope()];
      const sigs = signMany(ws.signer, [old, open].map((e) => signedPart(e)));
      const sent = [old, open].map((e, i) => ({ ...e, signature: sigs[i]! }));
      expect((await t.http.raw('POST', '/v1/notifications:batch', { token: ws.token, body: JSON.stringify({ notifications: sent }) })).status).toBe(200);
      const reject = signMessage(tax.signer, 'notification-action', old.id, { action: 'reject', reason: '王小明 地址不符' });
      expect((await t.http.raw('POST', `/v1/notifications/${old.id}/actions`, { token: tax.token, body: JSON.stringify(reject) })).status).toBe(200);

      const log = () => h.driver.all<LogRow>('SELECT seq, message_id, hash, body, notification_id FROM evidence_log ORDER BY seq');
      const before = await log();
      expect(before.filter((r) => r.notification_id === old.id).map((r) => r.message_id)).toEqual([old.id, reject.messageId]);
      expect(before.find((r) => r.message_id === old.id)!.body).toContain(old.person.id);

      expect((await runRetentionPurge({ store, catalogue, now: AFTER_N01 })).purged).toBe(1);
      const after = await log();
      expect(after.map((r) => [r.seq, r.message_id, r.hash])).toEqual(before.map((r) => [r.seq, r.message_id, r.hash]));
      for (const r of after) expect(r.body).toBe(r.notification_id === old.id ? PURGED_LOG_BODY : before.find((b) => b.seq === r.seq)!.body);
      const purged = JSON.stringify(after.filter((r) => r.notification_id === old.id));
      for (const personal of [old.person.id, old.person.name, '地址不符']) expect(purged).not.toContain(personal);

      await expect(exportEvidence(store, old.id, t.clock.now().toISOString())).rejects.toMatchObject({ error: { code: 'EVIDENCE_PURGED' } });
      // The retained notification's bundle: its chain runs through the purged entries to the head.
      const bundle = EvidenceBundle.parse(JSON.parse(JSON.stringify(await exportEvidence(store, open.id, t.clock.now().toISOString()))));
      expect(bundle.chain.length).toBeGreaterThan(0);
      expect(verifyEvidence(bundle).ok).toBe(true);

      // Nothing else may change: a hash, a body to anything but the marker, a notification id, a row.
      const first = after[0]!;
      await expect(h.driver.run('UPDATE evidence_log SET hash = ? WHERE seq = ?', ['0'.repeat(64), first.seq])).rejects.toThrow(/append-only/);
      await expect(h.driver.run('UPDATE evidence_log SET body = ? WHERE message_id = ?', ['{}', open.id])).rejects.toThrow(/append-only/);
      await expect(h.driver.run('UPDATE evidence_log SET notification_id = ? WHERE message_id = ?', ['other', open.id])).rejects.toThrow(/append-only/);
      await expect(h.driver.run('DELETE FROM evidence_log WHERE message_id = ?', [open.id])).rejects.toThrow(/append-only/);
    } finally {
      await t.close();
      await h.dispose();
    }
  }, 60_000);
});
