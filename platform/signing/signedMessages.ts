import { loggedMessage, signedMessageContent, type SignedRoute } from '../../shared/signing/signedActions';
import type { PlatformErrorCode } from '../../shared/platform/errors';
import type { InboxEntry } from '../../shared/platform/wire';
import type { LogEntry, MessageSignature, Receipt } from '../../shared/signing/schema';
import { canonicalSha256 } from '../../electron/services/signing/hashes';
import { PlatformFailure } from '../server/failure';
import type { PlatformStore } from '../store/repository';
import { checkSignedBy } from './checkSignature';
import { platformSigner } from './platformKey';
import { receiptOf } from './receipts';
import type { LoggedMessage } from './logRepo';

/** How a signed agency action or 補件 answer is admitted (issue 15 §2). */
export type Admission =
  /** From a client that registered no key (an older one): applied as before, no receipt. */
  | { kind: 'unsigned' }
  /** Signed, verified, not seen before: apply and log it in one transaction, then `receiptFor`. */
  | { kind: 'fresh'; message: LoggedMessage }
  /** This message id was applied before: answer with its original receipt, apply nothing. */
  | { kind: 'duplicate'; receipt: Receipt };

type RawBody = { messageId?: unknown; signature?: MessageSignature };

/**
 * Verifies the raw body (as received, before the schema may drop or default anything) against the
 * sender's registered keys. A refusal throws before anything is stored. The replay check is by
 * message id in the message log; the same id with other content is refused, so a sender cannot
 * pass one message off as another.
 */
export async function admitSignedMessage(store: PlatformStore, subject: string, route: SignedRoute, notificationId: string, raw: unknown): Promise<Admission> {
  const body = (raw ?? {}) as RawBody;
  const keys = await store.signingKeys.ofSubject(subject);
  const problem = checkSignedBy(signedMessageContent(route, notificationId, body), body.signature, keys, notificationId, '');
  if (problem) throw new PlatformFailure(problem.code as PlatformErrorCode, problem.message, problem.path);
  if (!body.signature) return { kind: 'unsigned' };
  if (typeof body.messageId !== 'string') throw new PlatformFailure('INPUT_INVALID', '簽章訊息須附訊息編號（messageId）', 'messageId');
  const message = loggedMessage(route, notificationId, body);
  const hash = canonicalSha256(message);
  const known = await store.evidenceLog.entryOf(body.messageId);
  if (known) {
    if (known.messageHash !== hash) throw new PlatformFailure('INPUT_INVALID', `訊息編號「${body.messageId}」已用於另一則訊息`, 'messageId');
    const signer = await platformSigner(store);
    return { kind: 'duplicate', receipt: receiptOf(known, signer) };
  }
  return { kind: 'fresh', message: { id: body.messageId, hash, body: JSON.stringify(message), notificationId } };
}

/** The platform's signed receipt for a message's log entry (logged with its change, PlatformStore.transition). */
export async function receiptFor(store: PlatformStore, logged: LogEntry): Promise<Receipt> {
  return receiptOf(logged, await platformSigner(store));
}

/** The answer to a replay: the notification as it stands now, no change recorded, the original receipt. */
export async function duplicateAnswer(store: PlatformStore, notificationId: string, receipt: Receipt, annotate: (e: InboxEntry) => InboxEntry) {
  const entry = await store.getEntry(notificationId);
  if (!entry) throw new PlatformFailure('NOT_FOUND', '找不到這筆通報');
  return { entry: annotate(entry), changes: [], outcome: 'duplicate' as const, receipt };
}
