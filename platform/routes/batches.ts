import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { MAX_BATCH_FILE_BYTES } from '../../shared/platform/batches';
import { PLATFORM_ERRORS } from '../../shared/platform/errors';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint, SENT } from '../server/register';
import { SenderQuota } from '../server/senderQuota';

const NO_BATCH = '找不到這個寄給本機關的批次檔';

const safeMime = (m: string) => (/^[\w.+-]+\/[\w.+-]+$/.test(m) ? m : 'application/octet-stream');

/** 上傳系統介接: any enrolled unit puts a periodic batch file for one agency; only that agency lists and downloads it. */
export function batchRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  // Shared by every node on PostgreSQL, in memory on SQLite (issue 14 §4).
  const quota = new SenderQuota(deps.config.resources, deps.store.rateWindows);
  registerEndpoint(app, deps, 'uploadBatch', async ({ body }, ctx) => {
    const p = ctx.principal!;
    if (!deps.config.catalogue.agencies.some((a) => a.code === body.receiverAgency)) {
      throw new PlatformFailure('AGENCY_UNKNOWN', `未知的接收機關「${body.receiverAgency}」`, 'receiverAgency');
    }
    const content = Buffer.from(body.contentBase64, 'base64');
    if (content.length > MAX_BATCH_FILE_BYTES) throw new PlatformFailure('FILE_TOO_LARGE', `批次檔案 ${content.length} 位元組，超過上限 ${MAX_BATCH_FILE_BYTES} 位元組`);
    const now = deps.clock.now();
    const id = body.id ?? randomUUID();
    ctx.note({ target: `agency:${body.receiverAgency}`, messageIds: [id] });
    const wait = await quota.waitFor(p.subject, content.length, now.getTime());
    if (wait > 0) {
      void ctx.reply.header('Retry-After', String(wait));
      throw new PlatformFailure('QUOTA_EXCEEDED', `${PLATFORM_ERRORS.QUOTA_EXCEEDED.message}（每日 ${deps.config.resources.batchFilesPerDay} 個檔案、${Math.floor(deps.config.resources.batchBytesPerDay / 1048576)} MiB）`);
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    const r = await deps.store.putBatch(
      { id, receiverAgency: body.receiverAgency, sender: p.subject, dataset: body.dataset, period: body.period ?? null, fileName: body.fileName, mime: body.mime, size: content.length, sha256, uploadedAt: now.toISOString() },
      content,
      { at: now.toISOString(), actor: p.subject, action: 'batch.upload', target: `batch:${id}`, detail: { receiver: body.receiverAgency, dataset: body.dataset, size: content.length, sha256 } },
    );
    if (r.outcome === 'conflict') throw new PlatformFailure('ID_CONFLICT', '此批次編號已用於另一個檔案', 'id');
    if (r.outcome === 'accepted') await quota.charge(p.subject, content.length, now.getTime());
    if (r.outcome === 'accepted') deps.hub.publish([`agency:${body.receiverAgency}`], { scope: 'batches', cursor: null });
    return { batch: r.batch, outcome: r.outcome };
  });

  registerEndpoint(app, deps, 'listBatches', async ({ query }, ctx) => {
    const p = ctx.principal;
    if (p?.kind !== 'agency') throw new PlatformFailure('FORBIDDEN');
    ctx.note({ target: `agency:${p.agencyCode}` });
    return deps.store.listBatches(p.agencyCode, query);
  });

  const ownBatch = async (id: string, agency: string) => {
    const b = await deps.store.getBatch(id);
    // Another agency's batch and an unknown id answer alike: the id alone must not tell whether it exists.
    if (!b || b.receiverAgency !== agency) throw new PlatformFailure('NOT_FOUND', NO_BATCH);
    return b;
  };

  registerEndpoint(app, deps, 'getBatch', async ({ params }, ctx) => {
    const p = ctx.principal;
    if (p?.kind !== 'agency') throw new PlatformFailure('FORBIDDEN');
    ctx.note({ target: `batch:${params.id}` });
    return ownBatch(params.id, p.agencyCode);
  });

  registerEndpoint(app, deps, 'downloadBatch', async ({ params }, ctx) => {
    const p = ctx.principal;
    if (p?.kind !== 'agency') throw new PlatformFailure('FORBIDDEN');
    ctx.note({ target: `batch:${params.id}`, messageIds: [params.id] });
    const b = await ownBatch(params.id, p.agencyCode);
    const content = await deps.store.getBatchContent(params.id);
    if (!content) throw new PlatformFailure('NOT_FOUND', NO_BATCH);
    const now = deps.clock.now();
    // Batch files may hold personal data: each download is on the audit chain.
    await deps.store.appendAudit({ at: now.toISOString(), actor: p.subject, action: 'batch.download', target: `batch:${b.id}`, detail: { requestId: ctx.requestId, sha256: b.sha256 } });
    void ctx.reply
      .code(200)
      .header('Content-Type', safeMime(b.mime))
      .header('Content-Disposition', `attachment; filename="batch.bin"; filename*=UTF-8''${encodeURIComponent(b.fileName)}`)
      .header('X-Content-SHA256', b.sha256)
      .send(content);
    return SENT;
  });
}
