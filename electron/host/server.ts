import { randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { CounterApp } from '../services/app';
import type { TestHook } from './deviceTestHooks';
import { RENDERER_CSP } from './csp';
import { createOpenCodes } from './openCodes';

/** Only `call` is needed, so a start-up failure stand-in (boot/boot.ts) can be served the same way. */
export type HostOptions = {
  app: Pick<CounterApp, 'call'>;
  rendererDir: string;
  port?: number;
  token?: string;
  /** UI tests only (runHost --test-hooks): `POST /__test__/<action>` drives the HID simulator. Never set in production. */
  testHook?: TestHook;
};
export type RunningHost = {
  url: string;
  port: number;
  token: string;
  /** A URL without the token, safe on a command line (xdg-open): one use, one minute (openCodes.ts). */
  openUrl(): string;
  close(): Promise<void>;
};

const MAX_BODY = 1024 * 1024;

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The browser host: serves the built renderer and the contract on 127.0.0.1 only. Every API call
 * must carry the per-launch token (given once in the URL the host prints), and the Host/Origin
 * headers must be our own loopback origin, so neither another local user's browser tab nor a DNS
 * rebinding page can reach the services.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server: FastifyInstance = Fastify({ logger: false, bodyLimit: MAX_BODY });
  let origin = '';

  server.addHook('onRequest', async (req, reply) => {
    if (req.headers.host !== origin.replace('http://', '')) {
      return reply.code(421).send({ ok: false, error: { code: 'HOST_REJECTED', message: '拒絕的主機名稱' } });
    }
    reply.header('Content-Security-Policy', RENDERER_CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
  });

  server.setErrorHandler((error: { statusCode?: number; code?: string }, _req, reply) => {
    const status = error.statusCode ?? 500;
    const message =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? '傳送的資料過大' : status < 500 ? '請求格式不正確（JSON 無法解析）' : '系統發生未預期的錯誤';
    void reply.code(status).send({ ok: false, error: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL', message } });
  });

  /** Launch token and same-origin checks shared by the contract route and the test hook. */
  const refused = (req: FastifyRequest, reply: FastifyReply): FastifyReply | null => {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) {
      return reply.code(401).send({ ok: false, error: { code: 'HOST_TOKEN', message: '連線憑證無效，請由啟動程式提供的網址重新開啟' } });
    }
    if (req.headers.origin !== undefined && req.headers.origin !== origin) {
      return reply.code(403).send({ ok: false, error: { code: 'ORIGIN_REJECTED', message: '拒絕跨來源請求' } });
    }
    return null;
  };

  if (options.testHook) {
    const hook = options.testHook;
    server.post<{ Params: { action: string } }>('/__test__/:action', async (req, reply) => refused(req, reply) ?? hook(req.params.action, req.body));
  }

  // The browser opened by `npm start` trades its one-use code for the token-bearing URL; the token
  // travels in this response (a fragment, never sent back to a server), not on a command line.
  const openCodes = createOpenCodes();
  server.get<{ Params: { code: string } }>('/open/:code', async (req, reply) => {
    if (!openCodes.redeem(req.params.code)) {
      return reply.code(410).type('text/plain; charset=utf-8').send('此開啟連結已使用或已過期，請使用啟動程式印出的網址。');
    }
    return reply.redirect(`/#token=${token}`, 303);
  });

  server.post<{ Params: { method: string } }>('/api/:method', async (req, reply) => {
    const denied = refused(req, reply);
    if (denied) return denied;
    const session = typeof req.headers['x-session'] === 'string' ? req.headers['x-session'] : null;
    return options.app.call(req.params.method, req.body, session, { ip: req.ip });
  });

  await server.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'] });

  const address = await server.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const port = Number(new URL(address).port);
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    openUrl: () => `${origin}/open/${openCodes.mint()}`,
    close: () => server.close(),
  };
}
