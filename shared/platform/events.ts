import { z } from '../zod';

/**
 * The push channel (`GET /v1/events`, Server-Sent Events) is only a hint: "something changed for
 * you, pull now". Clients must work without it (poll) and never take data from it.
 *   event: ready    data: {"scope":"office"}           once, when subscribed
 *   event: changed  data: {"scope":"office","cursor":42}
 *   : ping                                             every 15 s, keeps proxies from closing it
 */
export const SseScope = z.enum(['office', 'inbox', 'batches', 'all']);
export type SseScope = z.infer<typeof SseScope>;

export const SseChanged = z.object({ scope: SseScope, cursor: z.number().int().nullable() });
export type SseChanged = z.infer<typeof SseChanged>;

export const SSE_EVENTS = { ready: 'ready', changed: 'changed' } as const;
export const SSE_PING_MS = 15_000;
