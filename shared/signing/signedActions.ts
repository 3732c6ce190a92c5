import { signedPart } from './canonical';

/**
 * Issue 15 §2 for the messages that follow an envelope: an agency's action on a notification (簽收,
 * 完成, 退回, 檢證回覆, 改分, 補件 request) and the counter's 補件 answer. The HTTP body carries
 * `messageId` and `signature`; the signature covers the RFC 8785 form of the body without it, plus
 * the route and the notification id from the URL, so a signed 完成 for one notification cannot be
 * replayed against another, nor an action as an answer. This object, with the signature, is what
 * the platform keeps in its message log (and what an evidence bundle carries).
 */
export type SignedRoute = 'notification-action' | 'supplement-answer';

export const signedMessageContent = <B extends object>(route: SignedRoute, notificationId: string, body: B) => ({
  ...signedPart(body as { signature?: unknown }),
  route,
  notificationId,
});

/** The message as logged: its signed content and the signature over it. */
export const loggedMessage = <B extends { signature?: unknown }>(route: SignedRoute, notificationId: string, body: B) => ({
  ...signedMessageContent(route, notificationId, body),
  ...(body.signature === undefined ? {} : { signature: body.signature }),
});
