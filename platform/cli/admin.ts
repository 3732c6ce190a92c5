import { systemClock } from '../../electron/services/clock';
import { issueAdminToken, issueEnrolCode } from '../auth/enrolment';
import { subjectOf } from '../auth/principal';
import { DEFAULT_TOKEN_TTL_DAYS } from '../config';
import { seedDemo } from '../demo';
import { secretFor } from '../auth/secret';
import { catalogueFrom, need, STORAGE_OPTIONS, UsageError, withStore, type Command } from './options';

/** Admin sub-commands run on the platform host with direct database access: that is their authority. */
export const enrollCodeCommand: Command = {
  name: 'enroll-code',
  usage: 'enroll-code (--db FILE | --pg URL) (--office FS01 --workstation FS01-W01 --sender KH-HR-FS | --agency KH-TAX [--client ID]) [--ttl-hours 72]',
  options: { ...STORAGE_OPTIONS, office: { type: 'string' }, workstation: { type: 'string' }, sender: { type: 'string' }, agency: { type: 'string' }, client: { type: 'string' }, 'ttl-hours': { type: 'string' } },
  async run(v) {
    const ttlHours = Number(v['ttl-hours'] ?? 72);
    if (!(ttlHours > 0)) throw new UsageError('--ttl-hours 須為正數');
    let target;
    if (v.agency) {
      const agency = v.agency as string;
      if (!catalogueFrom(v).agencies.some((a) => a.code === agency)) throw new UsageError(`未知的機關代碼「${agency}」`);
      target = { kind: 'agency' as const, agencyCode: agency, clientId: (v.client as string | undefined) ?? null };
    } else {
      // The office's own agency: the only sender agency this workstation's envelopes may name.
      const officeCode = need(v, 'office');
      const workstationId = need(v, 'workstation');
      const sender = need(v, 'sender');
      if (!catalogueFrom(v).agencies.some((a) => a.code === sender)) throw new UsageError(`未知的送件機關代碼「${sender}」`);
      target = { kind: 'workstation' as const, officeCode, workstationId, senderAgency: sender };
    }
    const out = await withStore(v, (store) => issueEnrolCode(store, systemClock, target, { ttlHours }));
    console.log(out.code);
    console.error(`一次性註冊碼，有效至 ${out.expiresAt}`);
    return 0;
  },
};

export const adminTokenCommand: Command = {
  name: 'admin-token',
  usage: 'admin-token (--db FILE | --pg URL) --name NAME [--ttl-days 30]',
  options: { ...STORAGE_OPTIONS, name: { type: 'string' }, 'ttl-days': { type: 'string' } },
  async run(v) {
    const name = need(v, 'name');
    const ttl = Number(v['ttl-days'] ?? 30);
    const out = await withStore(v, async (store) => issueAdminToken(store, systemClock, await secretFor(store), name, Math.min(ttl, DEFAULT_TOKEN_TTL_DAYS)));
    console.log(out.token);
    return 0;
  },
};

export const revokeCommand: Command = {
  name: 'revoke',
  usage: 'revoke (--db FILE | --pg URL) (--jti ID | --workstation FS01/FS01-W01 | --agency KH-TAX/CLIENT)',
  options: { ...STORAGE_OPTIONS, jti: { type: 'string' }, workstation: { type: 'string' }, agency: { type: 'string' } },
  async run(v) {
    const split = (s: string) => {
      const [a, b] = s.split('/');
      if (!a || !b) throw new UsageError('格式為 代碼/工作站（或用戶端）代碼');
      return [a, b] as const;
    };
    const by = v.jti
      ? { jti: v.jti as string }
      : v.workstation
        ? { subject: subjectOf.workstation(...split(v.workstation as string)) }
        : v.agency
          ? { subject: subjectOf.agency(...split(v.agency as string)) }
          : null;
    if (!by) throw new UsageError('請指定 --jti、--workstation 或 --agency');
    const now = new Date().toISOString();
    const n = await withStore(v, (store) => store.revokeTokens(by, now, { at: now, actor: 'admin:cli', action: 'token.revoke', target: 'jti' in by ? `jti:${by.jti}` : by.subject }));
    console.log(`已撤銷 ${n} 個憑證`);
    return 0;
  },
};

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  usage: 'seed-demo (--db FILE | --pg URL)',
  options: { ...STORAGE_OPTIONS },
  async run(v) {
    const codes = await withStore(v, (store) => seedDemo(store, systemClock, catalogueFrom(v)));
    for (const c of codes) console.log(`${c.kind}\t${c.who}\t${c.code}`);
    return 0;
  },
};

export const verifyAuditCommand: Command = {
  name: 'verify-audit',
  usage: 'verify-audit (--db FILE | --pg URL)',
  options: { ...STORAGE_OPTIONS },
  async run(v) {
    const r = await withStore(v, (store) => store.verifyAudit());
    if (r.ok) console.log(`稽核鏈完整，共 ${r.rows} 筆`);
    else console.log(`稽核鏈在第 ${r.brokenAt} 筆斷裂`);
    return r.ok ? 0 : 2;
  },
};
