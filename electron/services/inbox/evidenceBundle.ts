import { appendAudit } from '../audit/audit';
import { agencyFor, type InboxDeps } from './inbox';

/**
 * The evidence bundle of a notification in this agency's inbox (issue 15 §3): the same
 * nin1-evidence/1 JSON as `npm run platform -- export-evidence`, fetched from the platform (which
 * serves only the receiving agency's own and audits it), checkable offline with
 * `npm run counter -- verify-evidence FILE`. Audited here too: the bundle carries the person's data.
 */
export async function inboxEvidence(deps: InboxDeps, id: string): Promise<{ fileName: string; json: string }> {
  const agency = agencyFor(deps);
  const bundle = await agency.client.call('inboxEvidence', { params: { id }, query: {} });
  const caseNo = typeof bundle.message.caseNo === 'string' ? bundle.message.caseNo : null;
  appendAudit(deps.ctx.db, {
    at: deps.ctx.clock.now().toISOString(), actorId: deps.actor.user.id, actor: deps.actor.user.username, action: 'agency.evidence',
    caseNo, detail: { agency: agency.code, notificationId: id, seq: bundle.entry.seq }, workstation: deps.actor.workstation, ip: deps.actor.ip,
  });
  return { fileName: `evidence-${caseNo ?? id}-${id.slice(-8)}.json`, json: `${JSON.stringify(bundle, null, 2)}\n` };
}
