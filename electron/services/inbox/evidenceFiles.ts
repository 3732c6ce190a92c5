import type { EvidenceRef } from '../../../shared/platform/evidence';
import type { InboxEvidenceFile } from '../../../shared/contract/inboxThreadApi';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import { listNotificationEvidence, readNotificationEvidence } from '../attachments/platformEvidence';
import { agencyFor, type InboxDeps } from './inbox';

/**
 * The consent pages (and 補件 scans) that came with a notification in this agency's inbox (issue
 * 14 §2). The platform serves only the receiving agency's own; the list holds no personal data.
 */
export async function inboxEvidenceFiles(deps: InboxDeps, id: string): Promise<{ files: EvidenceRef[] }> {
  return { files: await listNotificationEvidence(agencyFor(deps).client, id) };
}

/**
 * One file's PDF for the inbox viewer. The platform checks the hash before sending and the
 * workstation checks it again (readNotificationEvidence), so changed bytes are never shown: the
 * clerk gets EVIDENCE_CORRUPT in zh-TW. A signed consent shows a person's data, so every read is
 * audited here as well as on the platform, and so is a refused read (someone should look at it).
 */
export async function inboxEvidenceFile(deps: InboxDeps, id: string, sha256: string): Promise<InboxEvidenceFile> {
  const agency = agencyFor(deps);
  const audit = (action: string) =>
    appendAudit(deps.ctx.db, {
      at: deps.ctx.clock.now().toISOString(), actorId: deps.actor.user.id, actor: deps.actor.user.username, action,
      caseNo: null, detail: { agency: agency.code, notificationId: id, sha256 }, workstation: deps.actor.workstation, ip: deps.actor.ip,
    });
  try {
    const file = await readNotificationEvidence(agency.client, id, sha256);
    audit('agency.evidence-file');
    return { fileName: `${file.fileName.replace(/\.pdf$/, '')}-${sha256.slice(0, 8)}.pdf`, pdfBase64: file.pdf.toString('base64'), sha256 };
  } catch (e) {
    if (e instanceof AppFailure && e.error.code === 'EVIDENCE_CORRUPT') audit('agency.evidence-corrupt');
    throw e;
  }
}
