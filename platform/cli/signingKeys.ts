import { subjectOf } from '../auth/principal';
import { KeyId } from '../../shared/signing/schema';
import { STORAGE_OPTIONS, UsageError, withStore, type Command } from './options';

/**
 * Issue 15: an admin revokes a workstation's signing key (lost or stolen machine). Envelopes signed
 * with it are refused from then on, and unsigned ones too: the credential stays keyed. Rotation is
 * a new enrolment (`enroll-code`, then `npm run counter -- enroll`), which registers the new key
 * and retires the old one in the same transaction. Both are in the audit chain.
 */
export const revokeKeyCommand: Command = {
  name: 'revoke-key',
  usage: 'revoke-key (--db FILE | --pg URL) (--key-id ID | --workstation FS01/FS01-W01)',
  options: { ...STORAGE_OPTIONS, 'key-id': { type: 'string' }, workstation: { type: 'string' } },
  async run(v) {
    let by: { keyId: string } | { subject: string };
    if (v['key-id']) {
      const id = KeyId.safeParse(v['key-id']);
      if (!id.success) throw new UsageError(`金鑰代碼「${String(v['key-id'])}」格式不正確`);
      by = { keyId: id.data };
    } else if (v.workstation) {
      const [office, ws] = String(v.workstation).split('/');
      if (!office || !ws) throw new UsageError('格式為 機關代碼/工作站代碼');
      by = { subject: subjectOf.workstation(office, ws) };
    } else throw new UsageError('請指定 --key-id 或 --workstation');
    const now = new Date().toISOString();
    const target = 'keyId' in by ? `key:${by.keyId}` : by.subject;
    const n = await withStore(v, (store) => store.signingKeys.revoke(by, now, { at: now, actor: 'admin:cli', action: 'signing-key.revoke', target }));
    console.log(`已撤銷 ${n} 把簽章金鑰`);
    return 0;
  },
};
