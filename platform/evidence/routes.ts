import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseContentRange, type EvidenceUploadState } from '../../shared/platform/evidence';
import { PLATFORM_ERRORS } from '../../shared/platform/errors';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint, SENT, type Ctx } from '../server/register';
import { sha256Hex } from './checkFile';

const NO_EVIDENCE = '找不到這份寄給本機關的通報或其同意書檔案';

/** tus-style progress headers on every state answer (so a HEAD, which has no body, says it too). */
function withOffsetHeaders(ctx: Ctx, s: EvidenceUploadState): EvidenceUploadState {
  void ctx.reply.header('Upload-Offset', String(s.received));
  if (s.length !== null) void ctx.reply.header('Upload-Length', String(s.length));
  return s;
}

/** Chunks arrive as raw bytes: hashed for the message log like JSON bodies, never parsed. */
function rawChunk(req: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void): void {
  req.nin1.bodySha256 = createHash('sha256').update(body).digest('hex');
  req.nin1.bodyBytes = body.length;
  done(null, body);
}

/**
 * Consent evidence (issue 14 §2): counters upload the consent pages each agency may see, by SHA-256,
 * in resumable chunks, before the envelope that names them; the receiving agency lists and reads
 * them with the notification, each read checked against the hash again and audited.
 */
export function evidenceRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  // Raw chunk bodies are accepted by these routes only (a child scope): everything else stays JSON-only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(['application/octet-stream', 'application/pdf'], { parseAs: 'buffer' }, (req, body, done) => rawChunk(req, body as Buffer, done));
    // Any other type names the one these routes take (the platform-wide 415 speaks of JSON).
    scope.addContentTypeParser('*', (_req, _payload, done) => done(new PlatformFailure('UNSUPPORTED_MEDIA_TYPE', '同意書上傳的內容類型須為 application/octet-stream'), undefined));

    registerEndpoint(scope, deps, 'evidenceStatus', async ({ params }, ctx) => {
      ctx.note({ target: `evidence:${params.sha256}` });
      return withOffsetHeaders(ctx, await deps.store.evidence.state(params.sha256));
    });

    registerEndpoint(
      scope,
      deps,
      'evidenceUpload',
      async ({ params }, ctx) => {
        const p = ctx.principal!;
        ctx.note({ target: `evidence:${params.sha256}` });
        const range = parseContentRange(ctx.req.headers['content-range']);
        if (!range) throw new PlatformFailure('INPUT_INVALID', '標頭 Content-Range 須為「bytes 起-迄/總長」', 'Content-Range');
        const max = deps.config.evidence.maxBytes;
        if (range.total > max) throw new PlatformFailure('EVIDENCE_TOO_LARGE', `${PLATFORM_ERRORS.EVIDENCE_TOO_LARGE.message}（${range.total} 位元組，上限 ${max} 位元組）`);
        const body = ctx.req.body;
        if (!Buffer.isBuffer(body) || body.length !== range.last - range.first + 1) {
          throw new PlatformFailure('INPUT_INVALID', `上傳內容長度（${Buffer.isBuffer(body) ? body.length : 0} 位元組）與 Content-Range 不符`, 'Content-Range');
        }
        const now = deps.clock.now();
        const r = await deps.store.evidence.putChunk(params.sha256, range, body, p.subject, now.getTime(), {
          at: now.toISOString(), actor: p.subject, action: 'evidence.store', target: `evidence:${params.sha256}`, detail: { size: range.total, requestId: ctx.requestId },
        });
        switch (r.kind) {
          case 'stored':
            return withOffsetHeaders(ctx, r.state);
          case 'offset':
            withOffsetHeaders(ctx, r.state);
            throw new PlatformFailure('EVIDENCE_OFFSET', `${PLATFORM_ERRORS.EVIDENCE_OFFSET.message}（平台已收到 ${r.state.received} 位元組）`);
          case 'not-pdf':
            throw new PlatformFailure('EVIDENCE_NOT_PDF');
          case 'hash-mismatch':
            throw new PlatformFailure('EVIDENCE_HASH_MISMATCH', `${PLATFORM_ERRORS.EVIDENCE_HASH_MISMATCH.message}（收到的內容雜湊為 ${r.actual}）`);
        }
      },
      { parseBody: false },
    );
  });

  registerEndpoint(app, deps, 'notificationEvidence', async ({ params }, ctx) => {
    const p = ctx.principal;
    if (p?.kind !== 'agency') throw new PlatformFailure('FORBIDDEN');
    ctx.note({ target: `notification:${params.id}`, messageIds: [params.id] });
    const found = await deps.store.evidence.listFor(params.id);
    // Another agency's notification answers exactly like an unknown one (no existence oracle).
    if (!found || found.receiverAgency !== p.agencyCode) throw new PlatformFailure('NOT_FOUND', NO_EVIDENCE);
    return { evidence: found.evidence };
  });

  registerEndpoint(app, deps, 'downloadEvidence', async ({ params }, ctx) => {
    const p = ctx.principal;
    if (p?.kind !== 'agency') throw new PlatformFailure('FORBIDDEN');
    ctx.note({ target: `notification:${params.id}`, messageIds: [params.id] });
    const file = await deps.store.evidence.read(params.id, params.sha256);
    if (!file || file.receiverAgency !== p.agencyCode) throw new PlatformFailure('NOT_FOUND', NO_EVIDENCE);
    const now = deps.clock.now().toISOString();
    // Checked on every read: bytes changed in the database (or a backup restored wrong) are never served.
    const actual = sha256Hex(file.content);
    if (actual !== params.sha256) {
      deps.logger.error({ notification: params.id, sha256: params.sha256, actual }, 'evidence file does not match its hash');
      await deps.store.appendAudit({ at: now, actor: p.subject, action: 'evidence.corrupt', target: `notification:${params.id}`, detail: { requestId: ctx.requestId, sha256: params.sha256, actual } });
      throw new PlatformFailure('EVIDENCE_CORRUPT');
    }
    // The signed consent shows a person's data: each read is on the audit chain.
    await deps.store.appendAudit({ at: now, actor: p.subject, action: 'evidence.download', target: `notification:${params.id}`, detail: { requestId: ctx.requestId, sha256: params.sha256 } });
    void ctx.reply
      .code(200)
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `attachment; filename="consent-${params.sha256.slice(0, 12)}.pdf"`)
      .header('X-Content-SHA256', params.sha256)
      .send(file.content);
    return SENT;
  });
}
