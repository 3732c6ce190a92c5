import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { n04LandEnvelope } from '../../../platform/testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import type { AppFailure } from '../../../shared/result';
import { uploadEvidence } from '../attachments/evidenceUpload';
import type { Actor, ServiceContext } from '../context';
import { createPlatformClient } from '../platform-client/client';
import { sha256Hex } from '../scanning/store';
import { saveCredential } from '../sync/credentials';
import { createSyncRuntime, type SyncRuntime } from '../sync/runtime';
import { makeContext, tempDir } from '../testing/fixtures';
import { inboxEvidenceFile, inboxEvidenceFiles } from './evidenceFiles';

/**
 * Issue 14 §2 at the agency workstation, over the real platform on loopback: the land office lists
 * the consent pages that came with its notification and opens one (audited); bytes changed on the
 * platform are refused with EVIDENCE_CORRUPT in zh-TW, never shown; another agency sees nothing.
 */
const tmp = tempDir('nin1-inbox-evidence-');
let p: TestPlatform;
let ctx: ServiceContext;
let runtime: SyncRuntime;
const pdf = Buffer.from('%PDF-1.7\n% 同意書第 1、3 頁\n%%EOF\n');
const sha256 = sha256Hex(pdf);
const envelope = n04LandEnvelope({ evidence: [{ sha256, size: pdf.length, pages: 2, formPages: [1, 3] }] });

const actorOf = (office: string): Actor => ({ user: { id: 1, username: 'landclerk', displayName: '地政承辦', role: 'agency_clerk', officeCode: office }, workstation: 'LAND-1', ip: '127.0.0.1' });
const deps = (office = 'KH-LAND-FS') => ({ ctx, sync: runtime, actor: actorOf(office) });
const enrolAgency = async (agency: string) => {
  const token = await p.agencyToken(agency);
  saveCredential(ctx.db, { kind: 'agency', agencyCode: agency, clientId: 'desk-1', url: p.url, token, expiresAt: '2099-01-01T00:00:00.000Z', enrolledAt: ctx.clock.now().toISOString() });
};

beforeAll(async () => {
  p = await startTestPlatform();
  const ws = createPlatformClient({ baseUrl: p.url, token: await p.workstationToken() });
  await uploadEvidence(ws, pdf, sha256, new AbortController().signal);
  const submitted = await ws.call('submitNotifications', { body: { notifications: [envelope] } });
  expect(submitted.results.map((r) => r.outcome)).toEqual(['accepted']);
  ctx = makeContext(tmp.file('agency.sqlite'));
  await enrolAgency('KH-LAND-FS');
  await enrolAgency('KH-TAX');
  runtime = createSyncRuntime(ctx, { sync: { push: false } });
});
afterAll(async () => {
  await runtime.stop();
  ctx.db.close();
  await p.close();
  tmp.cleanup();
});

const audits = (action: string) => ctx.db.prepare('SELECT actor, detail, workstation FROM audit WHERE action = ?').all(action) as { actor: string; detail: string; workstation: string }[];

describe('the agency inbox shows the consent pages (issue 14 §2)', () => {
  it('lists the pages with count, size and hash, and opens the PDF byte for byte, audited at the workstation', async () => {
    expect(await inboxEvidenceFiles(deps(), envelope.id)).toEqual({ files: [{ sha256, size: pdf.length, pages: 2, formPages: [1, 3] }] });
    const file = await inboxEvidenceFile(deps(), envelope.id, sha256);
    expect(Buffer.from(file.pdfBase64, 'base64').equals(pdf)).toBe(true);
    expect(file).toMatchObject({ sha256, fileName: expect.stringMatching(/^同意書-.+\.pdf$/) });
    expect(audits('agency.evidence-file')).toEqual([{ actor: 'landclerk', workstation: 'LAND-1', detail: expect.stringContaining(sha256) }]);
  });

  it('another agency gets the unknown-id answer in zh-TW and reads nothing', async () => {
    const e = await inboxEvidenceFiles(deps('KH-TAX'), envelope.id).catch((x: AppFailure) => x.error);
    expect(e).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(await inboxEvidenceFile(deps('KH-TAX'), envelope.id, sha256).catch((x: AppFailure) => x.error.code)).toBe('NOT_FOUND');
  });

  it('a file changed where the platform keeps it is EVIDENCE_CORRUPT with a zh-TW message, never its bytes; the refused read is audited', async () => {
    const raw = new Database(join(p.dir, 'platform.sqlite'));
    const tampered = Buffer.from(pdf);
    tampered[12] = tampered[12]! ^ 0xff;
    raw.prepare('UPDATE evidence_files SET content = ? WHERE sha256 = ?').run(tampered, sha256);
    raw.close();
    const e = await inboxEvidenceFile(deps(), envelope.id, sha256).catch((x: AppFailure) => x.error);
    expect(e).toMatchObject({ code: 'EVIDENCE_CORRUPT', message: expect.stringMatching(/雜湊/) });
    expect(JSON.stringify(e)).not.toContain(tampered.toString('base64'));
    expect(audits('agency.evidence-corrupt')).toHaveLength(1);
  });
});
