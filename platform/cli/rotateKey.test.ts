import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { signedMessageContent } from '../../shared/signing/signedActions';
import { newKeyPair, type Signer } from '../../electron/services/signing/workstationKey';
import { enrol, issueEnrolCode } from '../auth/enrolment';
import { checkSignedBy } from '../signing/checkSignature';
import { openStore } from '../store/open';
import type { PlatformStore } from '../store/repository';
import { manualClock } from '../testing/clock';
import { rotateKeyCommand } from './signingKeys';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nin1-rotate-key-'));
const db = join(dir, 'platform.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clock = manualClock();
type Client = { kind: 'workstation'; officeCode: string; workstationId: string } | { kind: 'agency'; agencyCode: string; clientId: string };
const redeem = async (store: PlatformStore, code: string, client: Client, signer: Signer) =>
  expect(await enrol(store, clock, 'x'.repeat(40), 30, { code, client, publicKey: signer.publicKey }, null)).not.toBeNull();
/** What the platform answers a 完成 signed with `signer` (null: accepted). */
const verdict = async (store: PlatformStore, subject: string, signer: Signer) => {
  const content = signedMessageContent('notification-action', '0190a0a0-0000-7000-8000-000000000000', { action: 'complete', messageId: '0190a0a0-0000-7000-8000-000000000001' });
  return checkSignedBy(content, signer.sign(content), await store.signingKeys.ofSubject(subject), 'x', '')?.code ?? null;
};

describe('npm run platform -- rotate-key (issue 15 §1)', () => {
  it('--revoke-now: the current key is refused at once (SIGNING_KEY_REVOKED); the printed code enrols the new key; audited', async () => {
    const store = await openStore({ kind: 'sqlite', file: db });
    const client = { kind: 'agency' as const, agencyCode: 'KH-TAX', clientId: 'desk-1' };
    const old = newKeyPair().signer;
    await redeem(store, (await issueEnrolCode(store, clock, client)).code, client, old);
    await store.close();

    const { stdout } = await run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'platform', 'cli.ts'), 'rotate-key', '--db', db, '--agency', 'KH-TAX/desk-1', '--revoke-now'], { cwd: root, timeout: 60_000 });
    const code = stdout.trim();
    const again = await openStore({ kind: 'sqlite', file: db });
    try {
      expect(await verdict(again, 'agency:KH-TAX/desk-1', old)).toBe('SIGNING_KEY_REVOKED');
      const fresh = newKeyPair().signer;
      await redeem(again, code, client, fresh);
      expect(await verdict(again, 'agency:KH-TAX/desk-1', fresh)).toBeNull();
      expect(await verdict(again, 'agency:KH-TAX/desk-1', old)).toBe('SIGNING_KEY_REVOKED');
      const audit = new Database(db, { readonly: true });
      expect(audit.prepare("SELECT action FROM audit WHERE action LIKE 'signing-key.%' ORDER BY id").pluck().all()).toEqual([
        'signing-key.register', 'signing-key.revoke', 'signing-key.rotate', 'signing-key.register',
      ]);
      audit.close();
    } finally {
      await again.close();
    }
  });

  it('without --revoke-now the old key signs until the client enrols with the code, which retires it', async () => {
    const store = await openStore({ kind: 'sqlite', file: db });
    try {
      const client = { kind: 'workstation' as const, officeCode: 'FS01', workstationId: 'FS01-W02' };
      const old = newKeyPair().signer;
      await redeem(store, (await issueEnrolCode(store, clock, { ...client, senderAgency: 'KH-HR-FS' })).code, client, old);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const err = vi.spyOn(console, 'error').mockImplementation(() => {});
      expect(await rotateKeyCommand.run({ db, workstation: 'FS01/FS01-W02', sender: 'KH-HR-FS' })).toBe(0);
      const code = String(log.mock.calls[0]![0]);
      log.mockRestore();
      err.mockRestore();
      expect(await verdict(store, 'workstation:FS01/FS01-W02', old)).toBeNull();
      await redeem(store, code, client, newKeyPair().signer);
      expect(await verdict(store, 'workstation:FS01/FS01-W02', old)).toBe('SIGNING_KEY_REVOKED');
    } finally {
      await store.close();
    }
  });
});
