import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import { isDemoDatabase } from '../config/databaseMode';
import type { WritableDb } from '../db/open';
import type { Logger } from '../logging/logger';
import { createPlatformClient } from '../platform-client/client';
import { saveCredential, workstationCredential, type PlatformCredential } from './credentials';
import { STATE, writeState } from './state';
import { keyStoreFor } from '../signing/keyStore';
import { platformKeyToPin } from '../signing/pinPlatformKey';

export type EnrollTarget =
  | { kind: 'workstation'; officeCode: string; workstationId: string }
  | { kind: 'agency'; agencyCode: string; clientId: string };

/**
 * Exchanges a one-time enrolment code (issued by the platform's administrator) for this install's
 * signed credential and stores it with the platform URL. Enrolling the workstation at a different
 * platform starts its change cursor over: cursors are per platform.
 * A demo database enrols only with the demo platform's well-known codes (`demo: true`): its invented
 * cases and demo1234 accounts must never reach a county platform, so it is refused before any byte is sent.
 */
export async function enroll(
  db: WritableDb,
  options: {
    url: string; code: string; target: EnrollTarget; clock: Clock; logger?: Logger; fetch?: typeof fetch; /** policy platform.caFile */ caFile?: string;
    /** Enrolling with the demo platform's demo codes (the demo shells); the only enrolment a demo database may make. */
    demo?: boolean;
  },
): Promise<PlatformCredential> {
  if (!options.demo && isDemoDatabase(db)) {
    throw new AppFailure({
      code: 'DEMO_DATABASE_NOT_ENROLLABLE',
      message: '此資料庫是示範資料庫（含示範帳號與虛構案件），不能向平台註冊。正式工作站請使用新的資料庫檔案並放置工作站政策設定檔。',
    });
  }
  const client = createPlatformClient({
    baseUrl: options.url,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.caFile ? { caFile: options.caFile } : {}),
  });
  const t = options.target;
  // Issue 15: pin the platform's key before the code is spent (a failure here costs no code).
  const platformKey = await platformKeyToPin(client);
  // Issue 15: a fresh signing key per enrolment; the platform registers its public half with the credential.
  const keys = keyStoreFor(db.name).create(t.kind === 'workstation' ? 'workstation' : `agency-${t.agencyCode}`);
  const res = await client.call('enroll', {
    body: {
      publicKey: keys.signer.publicKey,
      code: options.code,
      client: t.kind === 'workstation' ? { kind: 'workstation', officeCode: t.officeCode, workstationId: t.workstationId } : { kind: 'agency', agencyCode: t.agencyCode, clientId: t.clientId },
    },
  });
  const at = options.clock.now().toISOString();
  const credential: PlatformCredential = {
    kind: t.kind,
    agencyCode: t.kind === 'agency' ? t.agencyCode : null,
    clientId: t.kind === 'agency' ? t.clientId : t.workstationId,
    url: client.baseUrl,
    token: res.token,
    expiresAt: res.expiresAt,
    enrolledAt: at,
    platformKey,
  };
  db.transaction(() => {
    const previous = t.kind === 'workstation' ? workstationCredential(db) : null;
    if (previous && previous.url !== credential.url) writeState(db, STATE.changesCursor, '0', at);
    saveCredential(db, credential);
  }).immediate();
  // Issue 15: the workstation's key signs its envelopes and 補件 answers, an agency's its answers,
  // transfers and 補件 requests. Kept (file, OS key store or token) only after the platform accepted
  // it, so a failed enrolment keeps the key that is still registered.
  keys.persist();
  options.logger?.info({ action: 'enroll', kind: t.kind, agency: credential.agencyCode, url: credential.url }, 'enrolled at the platform');
  return credential;
}
