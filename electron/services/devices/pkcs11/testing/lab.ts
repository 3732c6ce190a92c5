import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestIdentity, type TestIdentity } from './certificates';
import { findSoftHsm, SoftHsmLab, type SoftHsmCheck } from './softhsm';

export const SOFTHSM: SoftHsmCheck = findSoftHsm();

/** A clerk's card as issued: a token labelled `label` holding a signing key and its certificate. */
export async function issueCard(
  options: { label?: string; algorithm?: 'RSA' | 'EC'; notBefore?: Date; notAfter?: Date; commonName?: string; withKey?: boolean } = {},
): Promise<{ lab: SoftHsmLab; identity: TestIdentity; label: string }> {
  if (!SOFTHSM.ok) throw new Error(SOFTHSM.reason);
  const label = options.label ?? 'clerk-card';
  const lab = new SoftHsmLab(mkdtempSync(join(tmpdir(), 'nin1-hsm-')), SOFTHSM.module).use();
  lab.createToken(label);
  const identity = await makeTestIdentity({
    commonName: options.commonName ?? '王怡君',
    subjectSerial: '0000000012345678',
    notBefore: options.notBefore ?? new Date('2025-01-01T00:00:00Z'),
    notAfter: options.notAfter ?? new Date('2030-01-01T00:00:00Z'),
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
  });
  lab.importIdentity(label, identity, { withKey: options.withKey ?? true });
  return { lab, identity, label };
}
