import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { newKeyPair } from '../../electron/services/signing/workstationKey';
import { enrol, issueEnrolCode } from '../auth/enrolment';
import { openStore } from '../store/open';
import { manualClock } from '../testing/clock';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nin1-revoke-key-'));
const db = join(dir, 'platform.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run platform -- revoke-key (issue 15)', () => {
  it('revokes a workstation key, audited; a bad key id is a usage error (exit 1)', async () => {
    const store = await openStore({ kind: 'sqlite', file: db });
    const clock = manualClock();
    const { signer } = newKeyPair();
    const { code } = await issueEnrolCode(store, clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01', senderAgency: 'KH-HR-FS' });
    expect(await enrol(store, clock, 'x'.repeat(40), 30, { code, client: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, publicKey: signer.publicKey }, null)).not.toBeNull();
    await store.close();

    const cli = (...args: string[]) => run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'platform', 'cli.ts'), ...args], { cwd: root, timeout: 60_000 });
    const bad = await cli('revoke-key', '--db', db, '--key-id', 'nope').catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(1);
    const { stdout } = await cli('revoke-key', '--db', db, '--workstation', 'FS01/FS01-W01');
    expect(stdout.trim()).toBe('已撤銷 1 把簽章金鑰');

    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT revoked_at IS NOT NULL FROM signing_keys WHERE key_id = ?').pluck().get(signer.keyId)).toBe(1);
    expect(check.prepare("SELECT action FROM audit WHERE action LIKE 'signing-key.%' ORDER BY id").pluck().all()).toEqual(['signing-key.register', 'signing-key.revoke']);
    check.close();
  });
});
