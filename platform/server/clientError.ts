import type { Socket } from 'node:net';
import { PLATFORM_ERRORS, type PlatformErrorCode } from '../../shared/platform/errors';
import type { ErrorBody } from '../../shared/platform/wire';

/**
 * Errors node:http raises before a request exists (header block too large, request too slow, bytes
 * that are not HTTP). Fastify's default answers them in its own JSON; clients of the platform parse
 * one format only, so they leave as ErrorBody with a stable code, and the socket is closed.
 */
const codeOf = (err: NodeJS.ErrnoException): PlatformErrorCode =>
  err.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : 'BAD_REQUEST';

export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code = codeOf(err);
  const { status, message } = PLATFORM_ERRORS[code];
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
