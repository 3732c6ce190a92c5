import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../services/audit/audit';
import { verifyPassword } from '../services/auth/password';
import { makeContext, tempDir } from '../services/testing/fixtures';
import { counterCli } from './testing/cli';

/**
 * `user-add` / `user-list` / `purge-retention` as IT runs them, under a machine policy (no demo
 * accounts exist then): the password from stdin or a file, never argv; JSON out; audited as cli:<os user>.
 */
const tmp = tempDir('nin1-cli-users-');
afterAll(() => tmp.cleanup());
const policy = tmp.file('policy.json');
writeFileSync(policy, JSON.stringify({ office: { code: 'FS01', name: '高雄市鳳山區戶政事務所', agencyCode: 'KH-HR-FS' } }));
const env = { ...process.env, NIN1_POLICY_FILE: policy };
const { counter, path: CLI } = counterCli(env);

/** Runs with `input` on stdin. */
function counterStdin(input: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm run counter -- user-add / user-list / purge-retention', () => {
  const db = tmp.file('policy.sqlite');
  // A database is made by an explicit step (issue 13 finding 3), as IT does on a new PC.
  beforeAll(async () => {
    await counter('init', '--db', db);
  }, 180_000);

  it('adds the first administrator with the password on stdin, prints JSON, audits as cli:<user>', { timeout: 180_000 }, async () => {
    const r = await counterStdin('FirstAdmin2026\n', 'user-add', '--db', db, '--username', 'it.admin', '--role', 'system_admin', '--name', '資訊管理員', '--office', 'FS01');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ username: 'it.admin', role: 'system_admin', officeCode: 'FS01', active: true });
    const ctx = makeContext(db);
    try {
      const hash = ctx.db.prepare("SELECT password_hash FROM users WHERE username = 'it.admin'").pluck().get() as string;
      expect(verifyPassword('FirstAdmin2026', hash)).toBe(true);
      const row = ctx.db.prepare("SELECT actor, detail FROM audit WHERE action = 'account.create'").get() as { actor: string; detail: string };
      expect(row.actor).toMatch(/^cli:/);
      expect(row.detail).not.toContain('FirstAdmin2026');
      expect(verifyAuditChain(ctx.db).ok).toBe(true);
    } finally {
      ctx.db.close();
    }
  });

  it('reads the password from --password-file; refuses --password on argv and weak passwords (exit 1, nothing stored)', { timeout: 180_000 }, async () => {
    const pw = tmp.file('pw.txt');
    writeFileSync(pw, 'ClerkSecret2026\n');
    await counter('user-add', '--db', db, '--username', 'clerk.a', '--role', 'counter_clerk', '--name', '王怡君', '--office', 'FS01', '--password-file', pw);
    const argv = await counterStdin('', 'user-add', '--db', db, '--username', 'clerk.b', '--role', 'counter_clerk', '--name', '甲', '--office', 'FS01', '--password', 'Visible2026x');
    expect(argv.code).toBe(1);
    const weak = await counterStdin('short\n', 'user-add', '--db', db, '--username', 'clerk.c', '--role', 'counter_clerk', '--name', '乙', '--office', 'FS01');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('密碼至少 10 個字元');
    const { stdout } = await counter('user-list', '--db', db);
    expect((JSON.parse(stdout) as { username: string }[]).map((u) => u.username)).toEqual(['clerk.a', 'it.admin']);
  });

  it('purge-retention: dry run and run print JSON counts', { timeout: 180_000 }, async () => {
    const dry = JSON.parse((await counter('purge-retention', '--db', db, '--dry-run', '--now', '2040-01-01T00:00:00Z')).stdout) as Record<string, unknown>;
    expect(dry).toMatchObject({ checked: 0, purged: 0, skipped: 0, dryRun: true });
    const real = JSON.parse((await counter('purge-retention', '--db', db)).stdout) as Record<string, unknown>;
    expect(real).toMatchObject({ checked: 0, purged: 0, dryRun: false });
    const bad = await counterStdin('', 'purge-retention', '--db', db, '--now', 'yesterday');
    expect(bad.code).toBe(1);
  });
});
