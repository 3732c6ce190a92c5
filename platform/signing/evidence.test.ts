import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPart } from '../../shared/signing/canonical';
import { EvidenceBundle } from '../../shared/signing/evidence';
import type { NotificationEnvelope } from '../../shared/platform/wire';
import { verifyEvidence } from '../../electron/services/signing/verifyEvidence';
import { newKeyPair } from '../../electron/services/signing/workstationKey';
import { signMany } from '../../electron/services/signing/batchSignature';
import { issueEnrolCode } from '../auth/enrolment';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { notificationEnvelope } from '../testing/envelopes';
import { verifyEvidenceCommand } from '../../electron/cli/commands/verifyEvidence';
import { exportEvidence } from './exportEvidence';

/** Issue 15 §3: export-evidence on the real platform, verify-evidence offline, and every refusal named. */
const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
type Outcome = { code: number; stdout: string; stderr: string };
const cli = (which: 'platform/cli.ts' | 'electron/cli/counter.ts', ...args: string[]): Promise<Outcome> =>
  run(tsx, [join(root, which), ...args], { cwd: root, timeout: 60_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: Outcome) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

let p: TestPlatform;
let sent: NotificationEnvelope[];
beforeAll(async () => {
  p = await startTestPlatform();
  const { signer } = newKeyPair();
  const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01', senderAgency: 'KH-HR-FS' });
  const token = ((await p.http.call('enroll', { body: { code, client: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, publicKey: signer.publicKey } as never })).body as { token: string }).token;
  // Signed as a counter's drain signs them: one batch signature over the three (batchSignature.ts).
  const plain = [notificationEnvelope(), notificationEnvelope(), notificationEnvelope()];
  const signatures = signMany(signer, plain.map((e) => signedPart(e)));
  sent = plain.map((e, i) => ({ ...e, signature: signatures[i]! }));
  const r = await p.http.raw('POST', '/v1/notifications:batch', { token, body: JSON.stringify({ notifications: sent }) });
  expect(r.status).toBe(200);
});
afterAll(async () => p.close());

const bundleOf = async (i: number) => exportEvidence(p.store, sent[i]!.id, p.clock.now().toISOString());
const failedOf = (b: unknown) => {
  const v = verifyEvidence(EvidenceBundle.parse(b));
  return v.ok ? [] : v.failed.map((f) => f.split(' ')[0]);
};

describe('evidence bundles (issue 15)', () => {
  it('export-evidence writes a bundle that verify-evidence accepts offline (exit 0, who signed what and when)', async () => {
    const file = join(p.dir, 'evidence.json');
    const out = await cli('platform/cli.ts', 'export-evidence', '--db', join(p.dir, 'platform.sqlite'), '--notification', sent[0]!.id, '--out', file);
    expect(out.code).toBe(0);
    const v = await cli('electron/cli/counter.ts', 'verify-evidence', file);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('workstation:FS01/FS01-W01');
    expect(v.stdout).toContain('訊息紀錄第 1 筆');
    expect(v.stdout.trim().split('\n').at(-1)).toBe('VALID');

    // refusal: a changed payload byte → exit 1, naming the message signature (and the receipt that no longer matches it).
    const b = JSON.parse(readFileSync(file, 'utf8')) as { message: { payload: Record<string, string> } };
    b.message.payload.mailingAddress = b.message.payload.mailingAddress!.replace('132', '133');
    writeFileSync(file, JSON.stringify(b));
    const bad = await cli('electron/cli/counter.ts', 'verify-evidence', file);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('INVALID MESSAGE_SIGNATURE');
    expect(bad.stdout).toContain('INVALID RECEIPT_MESSAGE');

    // usage and input errors: exit 2 (an unknown option too, which the CLI otherwise answers 1).
    const unknown = await cli('electron/cli/counter.ts', 'verify-evidence', '--strict', file);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('verify-evidence');
    writeFileSync(file, '{"format":"other"}');
    expect((await cli('electron/cli/counter.ts', 'verify-evidence', file)).code).toBe(2);
  });

  it('usage and input errors are exit 2: no file, a missing file, a file that is not JSON', () => {
    const notJson = join(p.dir, 'not-json.json');
    writeFileSync(notJson, 'VALID\n');
    expect(verifyEvidenceCommand.run({})).toBe(2);
    expect(verifyEvidenceCommand.run({ file: join(p.dir, 'no-such-bundle.json') })).toBe(2);
    expect(verifyEvidenceCommand.run({ file: notJson })).toBe(2);
    expect(verifyEvidenceCommand.usageExitCode).toBe(2);
  });

  it('a batch-signed message: another member\'s path or a moved index is MESSAGE_SIGNATURE (the receipt no longer matches either)', async () => {
    const [a, b] = [await bundleOf(0), await bundleOf(1)];
    const sig = a.message.signature as { batch: { index: number; size: number; path: string } };
    expect(sig.batch).toMatchObject({ index: 0, size: 3 });
    const withSig = (batch: object) => ({ ...a, message: { ...a.message, signature: { ...sig, batch } } });
    expect(failedOf(withSig({ ...sig.batch, path: (b.message.signature as typeof sig).batch.path }))).toContain('MESSAGE_SIGNATURE');
    expect(failedOf(withSig({ ...sig.batch, index: 1 }))).toContain('MESSAGE_SIGNATURE');
  });

  it('refusal: a receipt for another message is RECEIPT_MESSAGE', async () => {
    const [a, b] = [await bundleOf(0), await bundleOf(1)];
    expect(failedOf(a)).toEqual([]);
    expect(failedOf({ ...a, receipt: b.receipt })).toContain('RECEIPT_MESSAGE');
  });

  it('refusal: a log head that does not match is LOG_HEAD; a head altered after signing is HEAD_SIGNATURE', async () => {
    const a = await bundleOf(0);
    expect(a.chain.map((e) => e.seq)).toEqual([2, 3]);
    expect(failedOf({ ...a, chain: a.chain.slice(0, 1) })).toEqual(['LOG_HEAD']);
    expect(failedOf({ ...a, chain: a.chain.slice(0, 1), head: { ...a.head, seq: 2, hash: a.chain[0]!.hash } })).toEqual(['HEAD_SIGNATURE']);
    const moved = { ...a.chain[1]!, prevHash: a.entry.hash };
    expect(failedOf({ ...a, chain: [a.chain[0]!, moved] })).toContain('CHAIN_BROKEN');
  });

  it("refusal: a message signed by another workstation's key, or a key revoked before the receipt, is named", async () => {
    const a = await bundleOf(0);
    const other = newKeyPair().signer;
    expect(failedOf({ ...a, senderKey: { ...a.senderKey, keyId: other.keyId, publicKey: other.publicKey } })).toEqual(expect.arrayContaining(['MESSAGE_KEY', 'MESSAGE_SIGNATURE']));
    expect(failedOf({ ...a, senderKey: { ...a.senderKey, revokedAt: '2000-01-01T00:00:00.000Z' } })).toEqual(['SENDER_KEY_REVOKED']);
  });
});
