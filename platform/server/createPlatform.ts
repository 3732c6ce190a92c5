import { createHash, randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../../electron/services/clock';
import { PLATFORM_ERRORS } from '../../shared/platform/errors';
import type { PlatformConfig } from '../config';
import type { Mailer } from '../mail/mailer';
import { createMailWorker } from '../mail/worker';
import { officeCalendar } from '../../electron/services/overdue/calendarFile';
import { deadlinesFor } from '../overdue/deadline';
import { runOverdueReminders } from '../overdue/reminders';
import { reminderTimeFrom, scheduleOverdueReminders } from '../overdue/schedule';
import { runRetentionPurge } from '../retention/run';
import { retentionTimeFrom, scheduleRetentionPurge } from '../retention/schedule';
import { batchRoutes } from '../routes/batches';
import { evidenceRoutes } from '../evidence/routes';
import { changesRoutes } from '../routes/changes';
import { supplementRoutes } from '../routes/supplement';
import { enrollRoutes } from '../routes/enroll';
import { eventRoutes } from '../routes/events';
import { inboxRoutes } from '../routes/inbox';
import { metaRoutes } from '../routes/meta';
import { progressRoutes } from '../progress/routes';
import { statsRoutes } from '../routes/stats';
import { submitRoutes } from '../routes/submit';
import { logRoutes } from '../signing/routes';
import { inboxEvidenceRoutes } from '../routes/inboxEvidence';
import type { PlatformStore } from '../store/repository';
import { isDbUnavailable } from '../store/unavailable';
import type { PlatformDeps } from './deps';
import { PlatformFailure } from './failure';
import { answerClientError } from './clientError';
import { dailyClaim } from './dailyClaim';
import { serverOptions } from './httpLimits';
import { Hub } from './hub';
import { writeMessageLog } from './messageLog';
import { MessageLogGate } from './messageLogGate';
import { acceptRequestId, freshState } from './requestState';

export type PlatformOptions = { store: PlatformStore; config: PlatformConfig; clock: Clock; mailer: Mailer | null; logger: Logger };

export type Platform = {
  app: FastifyInstance;
  deps: PlatformDeps;
  /** Listens on 127.0.0.1 (unless told otherwise) and resolves with the base URL. */
  listen(opts?: { port?: number; host?: string }): Promise<string>;
  /** Stops accepting, ends SSE streams, lets the mail worker finish. Does not close the store (the caller opened it). */
  close(): Promise<void>;
};

/** Fastify's own errors (body parsing, limits) mapped onto the platform's codes. */
function mapFrameworkError(e: FastifyError): PlatformFailure {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PlatformFailure('BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new PlatformFailure('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new PlatformFailure('BAD_JSON');
    default:
      return (e.statusCode ?? 500) < 500 ? new PlatformFailure('INPUT_INVALID') : new PlatformFailure('INTERNAL');
  }
}

/**
 * The county platform as a Fastify app (DESIGN §5), built from the shared endpoint table. Every
 * request gets an id (the client's X-Request-Id when sane), a body hash, and one message-log line;
 * every error leaves as ErrorBody with a stable code and a zh-TW message.
 */
export async function createPlatform(opts: PlatformOptions): Promise<Platform> {
  const { store, config, clock, mailer, logger } = opts;
  const mail = createMailWorker({ store, mailer, clock, logger: logger.child({ module: 'mail' }), retryBaseMs: config.mailRetryBaseMs });
  const deps: PlatformDeps = { store, config, clock, logger, hub: new Hub(), mail, messageLog: new MessageLogGate(config.resources) };
  officeCalendar(); // a malformed office calendar stops the start (zh-TW list of the bad entries)

  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    // SSE streams and keep-alive sockets must not hold up a shutdown.
    forceCloseConnections: true,
    trustProxy: deps.config.trustProxy ?? false,
    genReqId: (req) => acceptRequestId(req.headers['x-request-id']) ?? randomUUID(),
    // Slow or oversized requests are cut off at the socket (issue 13 findings 2 and 6), answered in ErrorBody.
    ...serverOptions(config.http),
    clientErrorHandler: answerClientError,
  });
  app.server.maxConnections = config.http.maxConnections;
  app.decorateRequest('nin1', null as never);

  // Only JSON bodies: parsed here so we can hash exactly the bytes received for the message log.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    req.nin1.bodySha256 = createHash('sha256').update(body).digest('hex');
    req.nin1.bodyBytes = body.length;
    if (body.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(body.toString('utf8')));
    } catch {
      done(new PlatformFailure('BAD_JSON'), undefined);
    }
  });

  app.addHook('onRequest', async (req) => {
    req.nin1 = freshState();
  });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('X-Request-Id', req.id).header('Cache-Control', 'no-store').header('X-Content-Type-Options', 'nosniff');
  });
  app.addHook('onResponse', async (req, reply) => {
    await writeMessageLog(deps, req, reply.statusCode);
  });

  app.setErrorHandler((error: FastifyError | PlatformFailure, req, reply) => {
    // A dropped connection, a timeout or a held lock in the store is "try again" (503), not a bug (500).
    const f = error instanceof PlatformFailure ? error : isDbUnavailable(error) ? new PlatformFailure('UNAVAILABLE', error.error.message) : mapFrameworkError(error);
    if (f.code === 'INTERNAL') logger.error({ requestId: req.id, route: req.routeOptions.url, err: error.message, stack: error.stack }, 'request failed');
    req.nin1.errorCode = f.code;
    if (f.status === 401) void reply.header('WWW-Authenticate', 'Bearer realm="nin1-platform"');
    void reply.code(f.status).send(f.body());
  });
  app.setNotFoundHandler((req, reply) => {
    req.nin1.errorCode = 'ROUTE_NOT_FOUND';
    void reply.code(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `${PLATFORM_ERRORS.ROUTE_NOT_FOUND.message}：${req.method} ${req.url.split('?')[0]}` } });
  });

  for (const routes of [enrollRoutes, submitRoutes, inboxRoutes, supplementRoutes, changesRoutes, eventRoutes, batchRoutes, statsRoutes, metaRoutes, progressRoutes, logRoutes, evidenceRoutes, inboxEvidenceRoutes]) routes(app, deps);

  await app.ready();
  mail.start();
  mail.kick();
  // Nodes sharing a database claim each day's run of a daily job; only the claimer runs it (issue 14 §4).
  const nodeId = randomUUID();
  // Daily 逾時未回報 reminder mails (issue 7), NIN1_OVERDUE_REMIND_AT (default 08:30 Taipei, `off`).
  const remindAt = reminderTimeFrom(process.env.NIN1_OVERDUE_REMIND_AT);
  const reminders = remindAt
    ? scheduleOverdueReminders({
        at: remindAt, clock, logger: logger.child({ module: 'overdue' }), claim: dailyClaim(store, 'overdue-reminders', nodeId),
        run: async () => {
          const r = await runOverdueReminders({ store, catalogue: config.catalogue, deadlines: deadlinesFor(config.catalogue, logger), clock, logger, publicUrl: config.publicUrl });
          if (r.mails > 0) mail.kick();
          return r;
        },
      })
    : null;
  // Daily retention purge (issue 7), NIN1_RETENTION_AT (default 03:00 Taipei, `off`).
  const purgeAt = retentionTimeFrom(process.env.NIN1_RETENTION_AT);
  const retention = purgeAt
    ? scheduleRetentionPurge({
        at: purgeAt, clock, logger: logger.child({ module: 'retention' }), claim: dailyClaim(store, 'retention-purge', nodeId),
        run: () => runRetentionPurge({ store, catalogue: config.catalogue, now: clock.now(), evidence: config.evidence }),
      })
    : null;

  return {
    app,
    deps,
    async listen({ port = 0, host = '127.0.0.1' } = {}) {
      const address = await app.listen({ port, host });
      return address.replace('[::1]', 'localhost');
    },
    async close() {
      reminders?.stop();
      retention?.stop();
      await app.close();
      await mail.stop();
    },
  };
}
