import type { EvidenceRef } from '../../../shared/platform/evidence';
import { AppFailure } from '../../../shared/result';
import type { PlatformClient } from '../platform-client/client';
import { sha256Hex } from '../scanning/store';

/**
 * The receiving agency's side of consent evidence (issue 14 §2), for the agency inbox: which
 * consent pages came with a notification, and one file's bytes. `client` carries the agency's
 * credential (inbox `agencyFor(deps).client`); the platform serves only that agency's own
 * notifications and audits each read. The bytes are checked against their hash here as well, so a
 * file changed anywhere on the way is never shown.
 */
export async function listNotificationEvidence(client: PlatformClient, notificationId: string, signal?: AbortSignal): Promise<EvidenceRef[]> {
  const r = await client.call('notificationEvidence', { params: { id: notificationId }, query: {} }, signal ? { signal } : {});
  return r.evidence;
}

export async function readNotificationEvidence(client: PlatformClient, notificationId: string, sha256: string, signal?: AbortSignal): Promise<{ fileName: string; pdf: Buffer; sha256: string }> {
  const { bytes } = await client.download('downloadEvidence', { params: { id: notificationId, sha256 }, query: {} }, signal ? { signal } : {});
  if (sha256Hex(bytes) !== sha256) throw new AppFailure({ code: 'EVIDENCE_CORRUPT', message: '收到的同意書檔案與其雜湊不符，不予顯示；請重新下載或通知平台管理者' });
  return { fileName: `同意書-${notificationId.slice(-8)}.pdf`, pdf: bytes, sha256 };
}
