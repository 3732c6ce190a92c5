import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_ADMITS, DEFAULT_BODY_LIMIT, endpoints, type EndpointName, type EndpointResponse, type ParsedRequest } from '../../shared/platform/endpoints';
import { formatIssuePath, type z } from '../../shared/zod';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { PlatformFailure } from './failure';
import type { PlatformDeps } from './deps';

/** Returned by a handler that wrote the reply itself (file download, SSE stream). */
export const SENT = Symbol('sent');

export type Ctx = {
  principal: Principal | null;
  requestId: string;
  ip: string;
  req: FastifyRequest;
  reply: FastifyReply;
  /** Adds to this request's message-log line. */
  note(n: { target?: string | null; messageIds?: string[] }): void;
};

export type Handler<K extends EndpointName> = (input: ParsedRequest<K>, ctx: Ctx) => Promise<EndpointResponse<K> | typeof SENT>;

/** `/v1/agencies/{agency}/inbox` → `/v1/agencies/:agency/inbox`; a literal `:` is written `::` for find-my-way. */
export const toRouterPath = (path: string): string => path.replace(/:/g, '::').replace(/\{(\w+)\}/g, ':$1');

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = formatIssuePath(issue.path);
  throw new PlatformFailure('INPUT_INVALID', `${where === 'body' ? '' : where === 'query' ? '查詢參數' : '路徑參數'}${path ? `「${path}」` : ''}${issue.message}`, path || undefined);
}

/**
 * Registers one endpoint of the shared table: auth before the body is even read (a caller without
 * a valid token learns nothing about size or shape limits), then params/query/body parsed with the
 * table's schemas, then the handler. Answers are checked against the response schema when
 * `checkResponses` is on.
 */
export function registerEndpoint<K extends EndpointName>(
  app: FastifyInstance,
  deps: PlatformDeps,
  name: K,
  handler: Handler<K>,
  /** parseBody false: the handler reads `ctx.req.body` itself (batch submit checks envelopes one by one). */
  opts: { parseBody?: boolean } = {},
): void {
  const spec = endpoints[name] as (typeof endpoints)[EndpointName];
  const admits = AUTH_ADMITS[spec.auth];
  app.route({
    method: spec.method,
    url: toRouterPath(spec.path),
    bodyLimit: 'bodyLimit' in spec ? spec.bodyLimit : DEFAULT_BODY_LIMIT,
    onRequest: async (req) => {
      if (spec.auth === 'public') return;
      const r = await authenticate(req.headers.authorization, deps.store, deps.config.secret, deps.clock.now().getTime());
      if (!r.ok) throw new PlatformFailure(r.code);
      req.nin1.principal = r.principal;
      if (!admits.includes(r.principal.kind)) throw new PlatformFailure('FORBIDDEN', '此憑證的身分不能使用這個服務');
    },
    handler: async (req, reply) => {
      const input = {
        params: parsePart('params' in spec ? spec.params : undefined, req.params, 'params'),
        query: parsePart('query' in spec ? spec.query : undefined, req.query, 'query'),
        body: opts.parseBody === false ? undefined : parsePart('body' in spec ? spec.body : undefined, req.body, 'body'),
      } as ParsedRequest<K>;
      const ctx: Ctx = {
        principal: req.nin1.principal,
        requestId: req.id,
        ip: req.ip,
        req,
        reply,
        note(n) {
          if (n.target !== undefined) req.nin1.target = n.target;
          if (n.messageIds !== undefined) req.nin1.messageIds = n.messageIds;
        },
      };
      const out = await handler(input, ctx);
      if (out === SENT) return reply;
      if (deps.config.checkResponses) spec.response.parse(out);
      return reply.code('status' in spec ? spec.status : 200).send(out);
    },
  });
}
