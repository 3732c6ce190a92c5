import { subjectOf } from '../auth/principal';
import { issueEnrolCode } from '../auth/enrolment';
import { systemClock } from '../../electron/services/clock';
import { KeyId } from '../../shared/signing/schema';
import { catalogueFrom, need, STORAGE_OPTIONS, UsageError, withStore, type Command, type Values } from './options';

/** `--workstation FS01/FS01-W01` or `--agency KH-TAX/desk-1`: whose keys. */
function clientOf(v: Values): { subject: string; kind: 'workstation' | 'agency'; a: string; b: string } | null {
  for (const kind of ['workstation', 'agency'] as const) {
    const spec = v[kind];
    if (typeof spec !== 'string') continue;
    const [a, b] = spec.split('/');
    if (!a || !b) throw new UsageError(kind === 'workstation' ? '--workstation 格式為 戶所代碼/工作站代碼' : '--agency 格式為 機關代碼/用戶端代碼');
    return { kind, a, b, subject: kind === 'workstation' ? subjectOf.workstation(a, b) : subjectOf.agency(a, b) };
  }
  return null;
}

/**
 * Issue 15: an admin revokes a client's signing key (lost or stolen machine). Messages signed with
 * it are refused from then on, and unsigned ones too: the credential stays keyed. Audited.
 */
export const revokeKeyCommand: Command = {
  name: 'revoke-key',
  usage: 'revoke-key (--db FILE | --pg URL) (--key-id ID | --workstation FS01/FS01-W01 | --agency KH-TAX/desk-1)',
  options: { ...STORAGE_OPTIONS, 'key-id': { type: 'string' }, workstation: { type: 'string' }, agency: { type: 'string' } },
  async run(v) {
    let by: { keyId: string } | { subject: string };
    const client = clientOf(v);
    if (v['key-id']) {
      const id = KeyId.safeParse(v['key-id']);
      if (!id.success) throw new UsageError(`金鑰代碼「${String(v['key-id'])}」格式不正確`);
      by = { keyId: id.data };
    } else if (client) {
      by = { subject: client.subject };
    } else throw new UsageError('請指定 --key-id、--workstation 或 --agency');
    const now = new Date().toISOString();
    const target = 'keyId' in by ? `key:${by.keyId}` : by.subject;
    const n = await withStore(v, (store) => store.signingKeys.revoke(by, now, { at: now, actor: 'admin:cli', action: 'signing-key.revoke', target }));
    console.log(`已撤銷 ${n} 把簽章金鑰`);
    return 0;
  },
};

/**
 * Issue 15: key rotation, an admin action. It issues a one-time enrolment code bound to the same
 * client; the client enrols with it (`npm run counter -- enroll …`), which registers its new key and
 * retires the old one in the same transaction. `--revoke-now` also revokes the current key at once
 * (compromised machine: nothing it signs is accepted until it has enrolled again). Audited as
 * `signing-key.rotate`; prints the code (stdout) like enroll-code.
 */
export const rotateKeyCommand: Command = {
  name: 'rotate-key',
  usage: 'rotate-key (--db FILE | --pg URL) (--workstation FS01/FS01-W01 --sender KH-HR-FS | --agency KH-TAX/desk-1) [--revoke-now] [--ttl-hours 72]',
  options: { ...STORAGE_OPTIONS, workstation: { type: 'string' }, agency: { type: 'string' }, sender: { type: 'string' }, 'revoke-now': { type: 'boolean' }, 'ttl-hours': { type: 'string' } },
  async run(v) {
    const client = clientOf(v);
    if (!client) throw new UsageError('請指定 --workstation 或 --agency');
    const ttlHours = Number(v['ttl-hours'] ?? 72);
    if (!(ttlHours > 0)) throw new UsageError('--ttl-hours 須為正數');
    const agencies = catalogueFrom(v).agencies;
    let target;
    if (client.kind === 'workstation') {
      const sender = need(v, 'sender');
      if (!agencies.some((a) => a.code === sender)) throw new UsageError(`未知的送件機關代碼「${sender}」`);
      target = { kind: 'workstation' as const, officeCode: client.a, workstationId: client.b, senderAgency: sender };
    } else {
      if (!agencies.some((a) => a.code === client.a)) throw new UsageError(`未知的機關代碼「${client.a}」`);
      target = { kind: 'agency' as const, agencyCode: client.a, clientId: client.b };
    }
    const revokeNow = v['revoke-now'] === true;
    const out = await withStore(v, async (store) => {
      const now = new Date().toISOString();
      const current = (await store.signingKeys.ofSubject(client.subject)).filter((k) => !k.revokedAt).map((k) => k.keyId);
      if (revokeNow) await store.signingKeys.revoke({ subject: client.subject }, now, { at: now, actor: 'admin:cli', action: 'signing-key.revoke', target: client.subject, detail: { reason: 'rotate' } });
      const issued = await issueEnrolCode(store, systemClock, target, { ttlHours, actor: 'admin:cli' });
      await store.appendAudit({ at: now, actor: 'admin:cli', action: 'signing-key.rotate', target: client.subject, detail: { current, revokedNow: revokeNow, codeExpiresAt: issued.expiresAt } });
      return issued;
    });
    console.log(out.code);
    console.error(`金鑰輪替：以此一次性註冊碼重新註冊（有效至 ${out.expiresAt}）；註冊後舊金鑰即失效${revokeNow ? '；目前金鑰已立即撤銷' : ''}`);
    return 0;
  },
};
