import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatContentRange, type EvidenceRef, type EvidenceUploadState } from '../../shared/platform/evidence';
import { signedPart } from '../../shared/signing/canonical';
import type { NotificationEnvelope, SubmitResult } from '../../shared/platform/wire';
import { newKeyPair } from '../../electron/services/signing/workstationKey';
import { loadCatalogue } from '../../electron/services/catalogue/loadCatalogue';
import { resourcePath } from '../../electron/services/resources';
import { issueEnrolCode } from '../auth/enrolment';
import { runRetentionPurge } from '../retention/run';
import { createSqlStore } from '../store/sqlStore';
import type { SqlDriver } from '../store/sql';
import { driverEngines } from '../testing/driverEngines';
import { n04LandEnvelope, notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { openRaw } from '../testing/rawSocket';
import { sha256Hex } from './checkFile';

/**
 * Issue 14 §2 over real HTTP on SQLite and (when available) PostgreSQL: resumable, content-addressed
 * upload of consent evidence; refusals store nothing; envelopes name only files the platform holds;
 * only the receiving agency reads them, checked against the hash on every read; the retention purge
 * removes files no retained notification names.
 */
const engines = await driverEngines('consent evidence');
const catalogue = loadCatalogue(resourcePath('catalogue'));
const CAP = 300_000;

/** A PDF-shaped file of `size` bytes (header, random body, trailer): the platform checks form, not content. */
function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

describe.each(engines)('consent evidence on $name', (engine) => {
  let t: TestPlatform;
  let driver: SqlDriver;
  let dispose: () => Promise<void>;
  let ws: string;
  beforeAll(async () => {
    const h = await engine.open();
    driver = h.driver;
    dispose = h.dispose;
    t = await startTestPlatform({ store: createSqlStore(h.driver), config: { evidence: { maxBytes: CAP, orphanGraceMs: 7 * 86_400_000, staleUploadMs: 2 * 86_400_000 } } });
    ws = await t.workstationToken();
  }, 30_000);
  afterAll(async () => {
    await t.close();
    await dispose();
  });

  const put = (sha: string, bytes: Buffer, first: number, total: number, token = ws) =>
    t.http.raw('PUT', `/v1/evidence/${sha}`, { token, body: bytes, contentType: 'application/octet-stream', headers: { 'content-range': formatContentRange({ first, last: first + bytes.length - 1, total }) } });
  const state = async (sha: string) => (await t.http.call('evidenceStatus', { params: { sha256: sha }, query: {} }, ws)).body as EvidenceUploadState;
  /** Uploads in 64 KiB chunks from wherever the platform's copy ends. */
  async function upload(file: Buffer, sha = sha256Hex(file)) {
    let at = (await state(sha)).received;
    let last = null as Awaited<ReturnType<typeof put>> | null;
    while (at < file.length) {
      last = await put(sha, file.subarray(at, at + 65_536), at, file.length);
      if (last.status !== 200) return last;
      at = (last.body as EvidenceUploadState).received;
    }
    return last!;
  }
  const rows = async (table: string) => Number((await driver.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);
  const nothingPartial = async () => expect([await rows('evidence_uploads'), await rows('evidence_chunks')]).toEqual([0, 0]);
  const refOf = (file: Buffer, formPages = [1, 3]): EvidenceRef => ({ sha256: sha256Hex(file), size: file.length, pages: formPages.length, formPages });
  async function submit(envelopes: NotificationEnvelope[], token = ws): Promise<SubmitResult[]> {
    const r = await t.http.call('submitNotifications', { body: { notifications: envelopes } }, token);
    expect(r.status).toBe(200);
    return r.body.results;
  }
  const outcomes = (rs: SubmitResult[]) => rs.map((r) => (r.outcome === 'rejected' ? r.error.code : r.outcome));

  it('resumes an upload after a cut connection, stores the file once, and the receiving agency reads exactly those bytes (audited)', async () => {
    const file = pdfOf(200_000);
    const sha = sha256Hex(file);
    expect(await state(sha)).toEqual({ sha256: sha, length: null, received: 0, complete: false });
    expect((await put(sha, file.subarray(0, 65_536), 0, file.length)).status).toBe(200);

    // The second chunk's connection is cut halfway through its body: none of it is kept.
    const chunk = file.subarray(65_536, 131_072);
    const cut = await openRaw(
      t.url,
      `PUT /v1/evidence/${sha} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ws}\r\nContent-Type: application/octet-stream\r\nContent-Range: ${formatContentRange({ first: 65_536, last: 131_071, total: file.length })}\r\nContent-Length: ${chunk.length}\r\n\r\n`,
    );
    cut.socket.write(chunk.subarray(0, 30_000));
    await new Promise((r) => setTimeout(r, 50));
    cut.socket.destroy();
    await cut.closed;

    const head = await t.http.raw('HEAD', `/v1/evidence/${sha}`, { token: ws });
    expect([head.status, head.headers.get('upload-offset'), head.headers.get('upload-length')]).toEqual([200, '65536', String(file.length)]);
    // A chunk from the wrong place is refused with where to resume.
    const wrong = await put(sha, file.subarray(131_072, 140_000), 131_072, file.length);
    expect([wrong.status, (wrong.body as { error: { code: string } }).error.code, wrong.headers.get('upload-offset')]).toEqual([409, 'EVIDENCE_OFFSET', '65536']);

    const done = await upload(file);
    expect(done.body).toEqual({ sha256: sha, length: file.length, received: file.length, complete: true });
    await nothingPartial();
    // Stored once: a second upload of the same bytes is answered complete and keeps one row.
    expect((await put(sha, file.subarray(0, 10), 0, file.length)).body).toMatchObject({ complete: true });
    expect(await rows('evidence_files')).toBe(1);

    const e = notificationEnvelope({ evidence: [refOf(file)] });
    expect(outcomes(await submit([e]))).toEqual(['accepted']);
    const tax = await t.agencyToken('KH-TAX');
    const list = await t.http.call('notificationEvidence', { params: { id: e.id }, query: {} }, tax);
    expect(list.body).toEqual({ evidence: [refOf(file)] });
    const res = await fetch(`${t.url}/v1/notifications/${e.id}/evidence/${sha}`, { headers: { authorization: `Bearer ${tax}` } });
    expect([res.status, res.headers.get('content-type'), res.headers.get('x-content-sha256')]).toEqual([200, 'application/pdf', sha]);
    expect(Buffer.from(await res.arrayBuffer()).equals(file)).toBe(true);
    const audit = await driver.all<{ action: string; target: string }>("SELECT action, target FROM audit WHERE action LIKE 'evidence.%' ORDER BY id");
    expect(audit).toEqual([{ action: 'evidence.store', target: `evidence:${sha}` }, { action: 'evidence.download', target: `notification:${e.id}` }]);
  });

  it('refuses a wrong hash, a non-PDF and an oversized file with typed errors, storing nothing', async () => {
    const before = await rows('evidence_files');
    const file = pdfOf(100_000);
    const claimed = sha256Hex(Buffer.from('another file'));
    const r = await upload(file, claimed);
    expect([r.status, (r.body as { error: { code: string } }).error.code]).toEqual([422, 'EVIDENCE_HASH_MISMATCH']);
    expect(await state(claimed)).toEqual({ sha256: claimed, length: null, received: 0, complete: false });

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(1000)]);
    const notPdf = await put(sha256Hex(png), png, 0, png.length);
    expect([notPdf.status, (notPdf.body as { error: { code: string; message: string } }).error]).toEqual([415, { code: 'EVIDENCE_NOT_PDF', message: '同意書檔案須為 PDF' }]);
    // A PDF header with no end-of-file marker is refused when it completes.
    const truncated = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]);
    expect((await upload(truncated)).status).toBe(415);

    const big = pdfOf(CAP + 1);
    const tooBig = await put(sha256Hex(big), big.subarray(0, 1000), 0, big.length);
    expect([tooBig.status, (tooBig.body as { error: { code: string } }).error.code]).toEqual([413, 'EVIDENCE_TOO_LARGE']);
    const noRange = await t.http.raw('PUT', `/v1/evidence/${sha256Hex(file)}`, { token: ws, body: file.subarray(0, 100), contentType: 'application/octet-stream' });
    expect([noRange.status, (noRange.body as { error: { code: string } }).error.code]).toEqual([400, 'INPUT_INVALID']);
    const asJson = await t.http.raw('PUT', `/v1/evidence/${sha256Hex(file)}`, { token: ws, body: '{}', contentType: 'text/plain', headers: { 'content-range': 'bytes 0-1/2' } });
    expect([asJson.status, (asJson.body as { error: { code: string } }).error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(await rows('evidence_files')).toBe(before);
    await nothingPartial();
    // Agencies and anonymous callers cannot upload.
    expect((await put(sha256Hex(file), file.subarray(0, 100), 0, file.length, await t.agencyToken('KH-TAX', 'desk-9'))).status).toBe(403);
    expect((await t.http.raw('PUT', `/v1/evidence/${sha256Hex(file)}`, { body: file, contentType: 'application/octet-stream' })).status).toBe(401);
  });

  it('refuses an envelope naming a file it does not hold, and a signature that does not cover the hashes', async () => {
    const absent = pdfOf(3000);
    const e = notificationEnvelope({ evidence: [refOf(absent)] });
    expect(outcomes(await submit([e]))).toEqual(['EVIDENCE_MISSING']);
    expect(await driver.get('SELECT id FROM notifications WHERE id = ?', [e.id])).toBeUndefined();

    // Signed over RFC 8785 canonical form including the hashes: swapping a hash breaks the signature.
    const { signer } = newKeyPair();
    const { code } = await issueEnrolCode(t.store, t.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W05', senderAgency: 'KH-HR-FS' });
    const enrolled = await t.http.call('enroll', { body: { code, client: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W05' }, publicKey: signer.publicKey } as never });
    const token = (enrolled.body as { token: string }).token;
    const [one, two] = [pdfOf(4000), pdfOf(4000)];
    for (const f of [one, two]) expect((await upload(f)).status).toBe(200);
    const base = notificationEnvelope({ workstationId: 'FS01-W05', evidence: [refOf(one)] });
    const good = { ...base, signature: signer.sign(signedPart(base)) };
    const swapped = { ...good, id: notificationEnvelope().id, evidence: [refOf(two)] };
    expect(outcomes(await submit([swapped, good], token))).toEqual(['SIGNATURE_INVALID', 'accepted']);
  });

  it('lets only the receiving agency read, answers others like an unknown id, and refuses a tampered file', async () => {
    const file = pdfOf(8000);
    expect((await upload(file)).status).toBe(200);
    const e = notificationEnvelope({ evidence: [refOf(file)] });
    expect(outcomes(await submit([e]))).toEqual(['accepted']);
    const [tax, land] = [await t.agencyToken('KH-TAX', 'desk-2'), await t.agencyToken('KH-LAND-FS')];
    const get = (id: string, token: string) => t.http.raw('GET', `/v1/notifications/${id}/evidence/${sha256Hex(file)}`, { token });
    const other = await get(e.id, land);
    const unknown = await get(notificationEnvelope().id, land);
    expect([other.status, other.body]).toEqual([404, unknown.body]);
    expect((await t.http.call('notificationEvidence', { params: { id: e.id }, query: {} }, land)).status).toBe(404);
    expect((await get(e.id, ws)).status).toBe(403);
    expect((await get(e.id, tax)).status).toBe(200);

    // One byte changed where the platform keeps it: a typed error, never the bytes.
    const tampered = Buffer.from(file);
    tampered[100] = tampered[100]! ^ 0xff;
    await driver.run('UPDATE evidence_files SET content = ? WHERE sha256 = ?', [tampered, sha256Hex(file)]);
    const bad = await get(e.id, tax);
    expect([bad.status, (bad.body as { error: { code: string } }).error.code]).toEqual([500, 'EVIDENCE_CORRUPT']);
    expect(await driver.get("SELECT action FROM audit WHERE action = 'evidence.corrupt'")).toEqual({ action: 'evidence.corrupt' });
  });

  it('follows a transfer (改分): the new receiver reads the evidence, the agency it left no longer does', async () => {
    const file = pdfOf(5000);
    expect((await upload(file)).status).toBe(200);
    const e = n04LandEnvelope({ evidence: [refOf(file)] });
    expect(outcomes(await submit([e]))).toEqual(['accepted']);
    const [fengshan, gangshan] = [await t.agencyToken('KH-LAND-FS', 'desk-7'), await t.agencyToken('KH-LAND-GANGSHAN')];
    const moved = await t.http.call('notificationAction', { params: { id: e.id }, body: { action: 'transfer', to: 'KH-LAND-GANGSHAN', reason: '土地位於岡山區，非本所轄區' } }, fengshan);
    expect(moved.status).toBe(200);
    const get = (token: string) => t.http.raw('GET', `/v1/notifications/${e.id}/evidence/${sha256Hex(file)}`, { token });
    expect([(await get(gangshan)).status, (await get(fengshan)).status]).toEqual([200, 404]);
  });

  it('the retention purge removes a file once no retained notification names it, and stale unreferenced uploads', async () => {
    const shared = pdfOf(6000);
    const lone = pdfOf(6000);
    const orphan = pdfOf(6000);
    for (const f of [shared, lone, orphan]) expect((await upload(f)).status).toBe(200);
    const partial = pdfOf(100_000);
    expect((await put(sha256Hex(partial), partial.subarray(0, 65_536), 0, partial.length)).status).toBe(200);
    const [closedA, openB, closedC] = [
      notificationEnvelope({ evidence: [refOf(shared)] }),
      notificationEnvelope({ evidence: [refOf(shared)] }),
      notificationEnvelope({ evidence: [refOf(lone)] }),
    ];
    expect(outcomes(await submit([closedA, openB, closedC]))).toEqual(['accepted', 'accepted', 'accepted']);
    const tax = await t.agencyToken('KH-TAX', 'desk-3');
    for (const id of [closedA.id, closedC.id]) expect((await t.http.call('notificationAction', { params: { id }, body: { action: 'complete' } }, tax)).status).toBe(200);

    // Young unreferenced files survive a purge (a counter may not have sent its envelope yet).
    await runRetentionPurge({ store: t.store, catalogue, now: t.clock.now() });
    expect(await state(sha256Hex(orphan))).toMatchObject({ complete: true });

    const later = new Date(t.clock.now().getTime() + 6 * 366 * 86_400_000);
    const r = await runRetentionPurge({ store: t.store, catalogue, now: later });
    expect(r.purged).toBeGreaterThanOrEqual(2);
    expect((await state(sha256Hex(lone))).complete).toBe(false); // its one notification was purged
    expect((await state(sha256Hex(orphan))).complete).toBe(false); // never named, past the grace
    expect((await state(sha256Hex(shared))).complete).toBe(true); // the open notification still names it
    expect((await state(sha256Hex(partial))).received).toBe(0);
    await nothingPartial();
    const list = await t.http.call('notificationEvidence', { params: { id: closedC.id }, query: {} }, tax);
    expect(list.body).toEqual({ evidence: [] });
    expect(await driver.get("SELECT action FROM audit WHERE action = 'evidence.purge'")).toEqual({ action: 'evidence.purge' });
  });
});
