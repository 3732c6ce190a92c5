import type { Principal } from '../auth/principal';

/** What the platform tracks per request, for the handler and for the message log line written after it. */
export type RequestState = {
  principal: Principal | null;
  startedNs: bigint;
  bodySha256: string | null;
  bodyBytes: number;
  /** To whom the message is addressed (agency, office, notification); set by the handler. */
  target: string | null;
  /** Notification ids carried by the body (X-Road: the message ids). */
  messageIds: string[] | null;
  errorCode: string | null;
};

declare module 'fastify' {
  interface FastifyRequest {
    nin1: RequestState;
  }
}

export const freshState = (): RequestState => ({
  principal: null,
  startedNs: process.hrtime.bigint(),
  bodySha256: null,
  bodyBytes: 0,
  target: null,
  messageIds: null,
  errorCode: null,
});

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** A client's X-Request-Id is kept when it is a sane token, so both sides' logs share it. */
export const acceptRequestId = (header: unknown): string | null => (typeof header === 'string' && REQUEST_ID.test(header) ? header : null);
