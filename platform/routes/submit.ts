import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { MAX_BATCH, NotificationEnvelope, type SubmitResult } from '../../shared/platform/wire';
import { formatIssuePath, z } from '../../shared/zod';
import { verificationMail } from '../mail/verificationMail';
import { checkEnvelope, indexCatalogue } from '../notifications/checkEnvelope';
import { checkOwnership } from '../notifications/checkOwnership';
import { checkSignature } from '../signing/checkSignature';
import { verifyEnvelopeSignatures } from '../signing/verifyEnvelopes';
import { withReceipts } from '../signing/receipts';
import { canonicalSha256 } from '../../electron/services/signing/hashes';
import type { MailDraft } from '../store/repository';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';

/**
 * Only the batch's outer shape is checked as a whole; each envelope is then checked on its own, so
 * one bad envelope is `rejected` (with its path) while the rest of the batch is accepted — the
 * counter's sync engine marks that one failed and never blocks its queue behind it.
 */
const Outer = z.strictObject({ notifications: z.array(z.unknown()).min(1, '批次至少要有一筆通報').max(MAX_BATCH, `一批最多 ${MAX_BATCH} 筆通報`) });

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function submitRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  const cat = indexCatalogue(deps.config.catalogue);

  registerEndpoint(
    app,
    deps,
    'submitNotifications',
    async (_input, ctx) => {
      const p = ctx.principal;
      if (p?.kind !== 'workstation') throw new PlatformFailure('FORBIDDEN');
      const outer = Outer.safeParse(ctx.req.body);
      if (!outer.success) {
        const issue = outer.error.issues[0]!;
        throw new PlatformFailure('INPUT_INVALID', issue.message, formatIssuePath(issue.path) || undefined);
      }
      const raw = outer.data.notifications;
      const results: (SubmitResult | null)[] = [];
      const valid: Parameters<PlatformDeps['store']['submit']>[1] = [];
      const mails: MailDraft[] = [];
      const ids: string[] = [];
      const now = deps.clock.now();
      // Issue 15: the sender's registered keys, read once per batch (revoked ones too, to name them).
      const keys = await deps.store.signingKeys.ofSubject(p.subject);
      // Every signature of the batch verified at once, across cores (the costliest check of ingest).
      const { verdicts: verified, messageHashes } = await verifyEnvelopeSignatures(raw, keys);
      raw.forEach((r, i) => {
        const path = `notifications[${i}]`;
        const parsed = NotificationEnvelope.safeParse(r);
        const rawId = typeof (r as { id?: unknown })?.id === 'string' ? (r as { id: string }).id.slice(0, 64) : '';
        ids.push(rawId);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const at = formatIssuePath([`notifications`, i, ...issue.path]);
          results.push({ id: rawId, outcome: 'rejected', error: { code: 'INPUT_INVALID', message: `「${at}」${issue.message}`, path: at } });
          return;
        }
        const e = parsed.data;
        // An office submits only for itself (office, case number, sender agency): a foreign row is rejected alone.
        const problem = checkSignature(r, e, keys, path, verified[i]) ?? checkOwnership(e, p, path) ?? checkEnvelope(e, cat, path);
        if (problem) {
          results.push({ id: e.id, outcome: 'rejected', error: problem });
          return;
        }
        results.push(null);
        const body = JSON.stringify(r);
        // Issue 15: its message-log entry, written in the submit's own transaction when it is held.
        valid.push({ envelope: e, bodySha256: sha256(body), message: { id: e.id, hash: messageHashes[i] ?? canonicalSha256(r), body, notificationId: e.id } });
        if (e.kind === 'verification') {
          const mail = verificationMail(e, cat.items.get(e.itemCode)!, cat.agencies.get(e.receiverAgency)!, cat.agencies.get(e.senderAgency), now, deps.config.publicUrl);
          if (mail) mails.push(mail);
        }
      });

      const receivers = [...new Set(valid.map((v) => v.envelope.receiverAgency))];
      ctx.note({ target: receivers.map((a) => `agency:${a}`).join(',') || null, messageIds: ids });
      const stored =
        valid.length > 0
          ? await deps.store.submit(p.officeCode, valid, mails, p.subject, now, {
              at: now.toISOString(),
              actor: p.subject,
              action: 'notifications.submit',
              target: `office:${p.officeCode}`,
              detail: { requestId: ctx.requestId, receivers },
            })
          : [];
      let k = 0;
      // Issue 15: each held message has its log entry (written by the submit) and gets the platform's signed receipt.
      const merged = await withReceipts(deps.store, results.map((r) => r ?? stored[k++]!), valid.map((v) => v.message!), now.toISOString());

      const accepted = merged.filter((r) => r.outcome === 'accepted').map((r) => r.id);
      if (accepted.length > 0) {
        const fresh = new Set(accepted);
        const touched = [...new Set(valid.filter((v) => fresh.has(v.envelope.id)).map((v) => `agency:${v.envelope.receiverAgency}`))];
        deps.hub.publish(touched, { scope: 'inbox', cursor: null });
        deps.hub.publish([`office:${p.officeCode}`], { scope: 'office', cursor: null });
        if (mails.some((m) => fresh.has(m.notificationId))) deps.mail.kick();
      }
      return { results: merged };
    },
    { parseBody: false },
  );
}
