import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { resourcePath } from '../../electron/services/resources';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint, SENT } from '../server/register';
import { DEFAULT_PROGRESS_LIMITS } from './limits';
import { lookupProgress } from './lookup';
import { buildProgressPage, HTML_LANG } from './page';
import { pageLanguage } from './pageLanguage';
import { registrationRoute } from './registration';
import { LookupGuard } from './guard';
import { SharedRateLimiter } from './sharedRateLimiter';

const LOOKUP_ROUTE = '/v1/progress';

/** Same message for "no such case", "case has no code" and "wrong code": the answer must not tell them apart. */
export const NO_DATA_MESSAGE = '查無資料：請確認案件編號與查詢碼是否與收執聯相同';

/** The page may load only its own script and style and talk only to this origin; nothing inline, nothing external. */
export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

// The page's files live in resources/progress (shipped beside the app as extraResources), not next
// to this module: a bundle (dist-electron/main.mjs, issue 17 finding 12) has no ./static folder.
const asset = (name: string): Buffer => readFileSync(resourcePath('progress', name));

/**
 * The citizen progress lookup: `POST /v1/progress` (public, rate limited) and the page that calls it
 * (`GET /progress` with its script and style). Limits and slow-down (guard.ts) are counted in the
 * shared database on PostgreSQL, where several nodes serve one county (issue 14 §4), and in this
 * process's memory on SQLite (one process; see rateLimiter.ts).
 */
export function progressRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  const windows = deps.store.rateWindows;
  const limits = deps.config.progressLimits ?? DEFAULT_PROGRESS_LIMITS;
  const guard = windows ? new LookupGuard(limits, (name, rule) => new SharedRateLimiter(windows, name, rule)) : new LookupGuard(limits);

  // The message log keeps a sha256 of every body; for this route that would be a fast, unsalted hash
  // of a known case number and an 8-character code, i.e. the code. Left out, whatever the outcome.
  app.addHook('onSend', async (req) => {
    if (req.routeOptions.url === LOOKUP_ROUTE) req.nin1.bodySha256 = null;
  });

  registerEndpoint(app, deps, 'progressLookup', async ({ body }, ctx) => {
    ctx.note({ target: `case:${body.caseNo}` });
    const admission = await guard.admit(body.caseNo, ctx.ip, deps.clock.now().getTime());
    if ('refuseForS' in admission) {
      const wait = admission.refuseForS;
      ctx.req.nin1.errorCode = 'RATE_LIMITED';
      void ctx.reply
        .code(429)
        .header('Retry-After', String(wait))
        .send({ error: { code: 'RATE_LIMITED', message: `查詢次數過多，請於 ${Math.ceil(wait / 60)} 分鐘後再試` } });
      return SENT;
    }
    // A case under a guessing attack answers slowly, to everybody alike (the same delay before a right and a wrong code).
    if (admission.delayMs > 0) await new Promise((r) => setTimeout(r, admission.delayMs));
    const found = await lookupProgress(deps.store, deps.config.catalogue, body.caseNo, body.code);
    if (!found) {
      await guard.failed(body.caseNo, deps.clock.now().getTime());
      throw new PlatformFailure('NOT_FOUND', NO_DATA_MESSAGE);
    }
    return found;
  });

  // The counter registers a case's record and items when it is saved (issue 13), before its notifications.
  registrationRoute(app, deps);

  // The page in the browser's language among the seven (issue 16), or the one ?lang= names; rendered once.
  const page = buildProgressPage();
  const style = asset('progress.css');
  const headers = (reply: FastifyReply, type: string) =>
    reply.type(type).header('Content-Security-Policy', PAGE_CSP).header('Referrer-Policy', 'no-referrer').header('X-Frame-Options', 'DENY');
  app.get('/progress', async (req, reply) => {
    const lang = pageLanguage((req.query as Record<string, unknown> | undefined)?.lang, req.headers['accept-language']);
    return headers(reply, 'text/html; charset=utf-8').header('Content-Language', HTML_LANG[lang]).header('Vary', 'Accept-Language').send(page.html[lang]);
  });
  app.get('/progress/progress.js', async (_req, reply) => headers(reply, 'text/javascript; charset=utf-8').send(page.script));
  app.get('/progress/progress.css', async (_req, reply) => headers(reply, 'text/css; charset=utf-8').send(style));
}
