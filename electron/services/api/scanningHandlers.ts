import type { scanningApi } from '../../../shared/contract/scanningApi';
import { appendAudit } from '../audit/audit';
import { consentForNotification, readAttachment } from '../attachments/read';
import { recordConsentException } from '../consent/exceptions';
import { caseEvidence } from '../consent/status';
import { scanFailure } from '../scanning/failure';
import { pageById, pageThumb, toPageView, trayPages } from '../scanning/pages';
import { availableScanProfiles } from '../scanning/profiles';
import { scanningRuntime } from '../scanning/runtime';
import { attachTrayPages, dismissTrayPage } from '../scanning/tray';
import { actorOf, type Handler } from './handler';

const dataUrl = (mime: string, bytes: Uint8Array) => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

/** Handlers for scanning, attachments and consent (shared/contract/scanningApi.ts). */
export const scanningHandlers: { [K in keyof typeof scanningApi]: Handler<K> } = {
  'scanning.devices': async (call, input) => {
    const runtime = scanningRuntime(call.ctx);
    void runtime.recover(); // the screen opening is the moment to finish what a crash left half done
    return { devices: await runtime.devices(input.refresh ?? false), profiles: availableScanProfiles(call.ctx.config) };
  },
  'scanning.start': (call, input) => scanningRuntime(call.ctx).start(actorOf(call), input, () => call.sync.engine()?.kick('consent pages attached')),
  'scanning.session': (call, input) => scanningRuntime(call.ctx).session(input.sessionId),
  'scanning.current': (call) => scanningRuntime(call.ctx).current(),
  'scanning.cancel': (call, input) => scanningRuntime(call.ctx).cancel(input.sessionId),
  'scanning.thumbnail': (call, input) => {
    const thumb = pageThumb(call.ctx.db, input.pageId);
    if (!thumb) throw scanFailure('PAGE_UNKNOWN');
    return { pageId: input.pageId, dataUrl: dataUrl('image/jpeg', thumb) };
  },
  'scanning.pageImage': async (call, input) => {
    const page = pageById(call.ctx.db, input.pageId);
    if (!page) throw scanFailure('PAGE_UNKNOWN');
    const bytes = await scanningRuntime(call.ctx).store.readVerified(page.image_key, page.image_sha256);
    const actor = actorOf(call);
    appendAudit(call.ctx.db, {
      at: call.ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'scan.page.view', caseNo: page.case_no,
      detail: { page: page.id }, workstation: actor.workstation, ip: actor.ip,
    });
    return { pageId: page.id, dataUrl: dataUrl(page.encoding === 'png' ? 'image/png' : 'image/jpeg', bytes), width: page.width, height: page.height };
  },
  'scanning.tray': (call) => ({ pages: trayPages(call.ctx.db).map(toPageView) }),
  'scanning.attachPages': async (call, input) => {
    const attached = await attachTrayPages(call.ctx, scanningRuntime(call.ctx).store, actorOf(call), input.pageIds, input.caseNo, input.firstFormPage);
    call.sync.engine()?.kick('consent pages attached');
    return attached;
  },
  'scanning.dismissPage': (call, input) => dismissTrayPage(call.ctx, actorOf(call), input.pageId, input.reason),
  'attachments.forCase': (call, input) => caseEvidence(call.ctx, input.caseNo),
  'attachments.pdf': async (call, input) => {
    const out = await readAttachment(call.ctx, scanningRuntime(call.ctx).store, actorOf(call), input.attachmentId);
    return { fileName: out.fileName, pdfBase64: Buffer.from(out.pdf).toString('base64'), pages: out.pages, sha256: out.sha256 };
  },
  'attachments.forNotification': async (call, input) => {
    const out = await consentForNotification(call.ctx, scanningRuntime(call.ctx).store, actorOf(call), input.notificationId);
    return { fileName: out.fileName, pdfBase64: Buffer.from(out.pdf).toString('base64'), pages: out.pages, sha256: out.sha256, sourceSha256: out.sourceSha256, formPages: out.formPages };
  },
  'consent.recordException': (call, input) => {
    recordConsentException(call.ctx, actorOf(call), input.caseNo, input.agencyCode, input.reason);
    call.sync.engine()?.kick('consent exception recorded'); // released notifications go now
    return caseEvidence(call.ctx, input.caseNo);
  },
};
