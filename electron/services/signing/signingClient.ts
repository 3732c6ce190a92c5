import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { signedMessageContent, type SignedRoute } from '../../../shared/signing/signedActions';
import type { CallArgs, JsonEndpoint, PlatformClient } from '../platform-client/client';
import type { Signer } from './signer';

/** Namespace of the name-based ids of 補件 answers (any fixed UUID; changing it would re-apply old resends). */
const SUPPLEMENT_ANSWER_NS = '6f1d8f0e-5a53-4c1e-9a55-2b6b1e0c9d15';

const ROUTES: Partial<Record<JsonEndpoint, SignedRoute>> = { notificationAction: 'notification-action', supplementAnswer: 'supplement-answer' };

/**
 * The message id a signed message travels with. A 補件 answer's is derived from the notification and
 * round, so a resend of a queued answer (after a timeout, a crash, another run) is the same message
 * and the platform answers `duplicate` instead of applying it twice. An agency action gets a fresh
 * UUIDv7: each click is its own message (a repeated 完成 records nothing on the platform anyway).
 */
function messageIdFor(route: SignedRoute, notificationId: string, body: Record<string, unknown>): string {
  if (typeof body.messageId === 'string') return body.messageId;
  if (route === 'supplement-answer') return uuidv5(`${notificationId}#${String(body.round)}`, SUPPLEMENT_ANSWER_NS);
  return uuidv7();
}

/** The body with its `messageId` and the signature over its canonical form (issue 15 §2). */
export function signMessage<B extends Record<string, unknown>>(signer: Signer, route: SignedRoute, notificationId: string, body: B): B & { messageId: string; signature: ReturnType<Signer['sign']> } {
  const withId = { ...body, messageId: messageIdFor(route, notificationId, body) };
  return { ...withId, signature: signer.sign(signedMessageContent(route, notificationId, withId)) };
}

/**
 * A platform client that signs what a client sends after the envelope: agency actions (簽收, 完成,
 * 退回, 檢證回覆, 改分, 補件 request) and the counter's 補件 answers. Wrapping the client keeps signing
 * out of every screen's service: whoever holds the client sends signed. `signer` is read at each
 * call (a re-enrolment replaces the key); without one (an install enrolled before issue 15) the
 * message goes unsigned, which the platform accepts only from a credential with no registered key.
 */
export function signingClient(client: PlatformClient, signer: () => Signer | null): PlatformClient {
  // Everything else passes through as is (the client's methods are closures, not `this`-bound).
  return {
    ...client,
    call(name, args, options) {
      const route = ROUTES[name];
      const s = route ? signer() : null;
      if (!route || !s) return client.call(name, args, options);
      const a = args as unknown as { params: { id: string }; body: Record<string, unknown> };
      const signed = { ...a, body: signMessage(s, route, a.params.id, a.body) } as unknown as CallArgs<typeof name>;
      return client.call(name, signed, options);
    },
  };
}
