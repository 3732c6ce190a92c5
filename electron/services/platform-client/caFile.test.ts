import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createServer, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { saveCredential } from '../sync/credentials';
import { createSyncRuntime } from '../sync/runtime';
import { makeContext, tempDir } from '../testing/fixtures';
import { queueCases, TEST_SYNC_OPTIONS } from '../testing/syncFixtures';
import { createPlatformClient } from './client';
import { PlatformError } from './errors';

/**
 * Issue 17 finding 11 / issue 13: policy `platform.caFile` was read by nothing, so a platform whose
 * certificate comes from the county's private CA could not be reached. Here: a CA and a server
 * certificate for 127.0.0.1 made with openssl, and a TLS terminator on loopback in front of the real
 * platform (as a reverse proxy would stand in front of it in the county).
 */
const tmp = tempDir('nin1-ca-file-');
let platform: TestPlatform;
let tls: Server;
let httpsUrl = '';
const caFile = tmp.file('county-root-ca.pem');

function makeCertificates(): { key: Buffer; cert: Buffer } {
  const f = (n: string) => tmp.file(n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('ca.key'), '-out', caFile, '-days', '2', '-subj', '/CN=Test County Root CA');
  ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl('x509', '-req', '-in', f('server.csr'), '-CA', caFile, '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.pem'), '-days', '2', '-extfile', f('san.ext'));
  return { key: readFileSync(f('server.key')), cert: readFileSync(f('server.pem')) };
}

/** Sockets the terminator holds, destroyed at the end. */
const open = new Set<import('node:net').Socket>();

beforeAll(async () => {
  platform = await startTestPlatform();
  const target = new URL(platform.url);
  tls = createServer(makeCertificates(), (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    const upstream = connect(Number(target.port), target.hostname);
    socket.pipe(upstream).pipe(socket);
    const end = () => { socket.destroy(); upstream.destroy(); };
    socket.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  httpsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
});
afterAll(async () => {
  // The client's agent keeps its socket alive (and so does the platform, 65 s): close them, or
  // close() waits for them.
  for (const socket of open) socket.destroy();
  await new Promise<void>((resolve) => tls.close(() => resolve()));
  await platform.close();
  tmp.cleanup();
});

describe('platform.caFile', () => {
  it('without the county CA the certificate cannot be verified, and the message says what to set', async () => {
    const e = await createPlatformClient({ baseUrl: httpsUrl }).call('health', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PlatformError);
    expect(e).toMatchObject({ kind: 'network' });
    expect((e as PlatformError).error.message).toContain('platform.caFile');
  });

  it('finding 13b: platform.caFile is wired — the client trusts that CA and the sync engine delivers over https', async () => {
    expect(await createPlatformClient({ baseUrl: httpsUrl, caFile }).call('health', {})).toMatchObject({ status: 'ok' });

    // Through the app's own path: policy key → runtime → engine.
    const base = makeContext(tmp.file('counter.sqlite'));
    const ctx = { ...base, config: { ...base.config, platform: { url: httpsUrl, caFile } } };
    queueCases(ctx, 2);
    saveCredential(ctx.db, { kind: 'workstation', agencyCode: null, clientId: 'FS01-W01', url: httpsUrl, token: await platform.workstationToken(), expiresAt: '2099-01-01T00:00:00.000Z', enrolledAt: '2026-11-26T02:30:00.000Z' });
    const runtime = createSyncRuntime(ctx, { sync: TEST_SYNC_OPTIONS });
    expect(await runtime.engine()!.syncOnce('test')).toMatchObject({ delivered: 10, remaining: 0, error: null });
    await runtime.stop();
    ctx.db.close();
  });

  it('an unreadable CA file is a clear zh-TW error and nothing is sent', async () => {
    const e = await createPlatformClient({ baseUrl: httpsUrl, caFile: tmp.file('missing.pem') }).call('health', {}).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'config', retryable: false, error: { code: 'PLATFORM_CA_UNREADABLE' } });
    expect((e as PlatformError).error.message).toContain('platform.caFile');
  });
});
