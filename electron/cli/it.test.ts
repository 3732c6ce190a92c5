import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../services/testing/fixtures';
import { counterCli } from './testing/cli';

const tmp = tempDir('nin1-cli-it-');
afterAll(() => tmp.cleanup());
// No machine policy on a test machine unless we say so.
const env = { ...process.env, NIN1_POLICY_FILE: tmp.file('no-policy.json') };
const { counter } = counterCli(env);

describe('npm run counter -- backup / restore / diagnostics', () => {
  it('backs up, restores over a corrupt file (kept aside), and exports diagnostics without personal data', async () => {
    const db = tmp.file('counter.sqlite');
    const backups = tmp.file('backups');
    await counter('seed-demo', '--db', db, '--cases', '12');
    const { stdout: b } = await counter('backup', '--db', db, '--to', backups, '--keep', '2');
    expect(b).toMatch(/已備份並驗證：.*counter-\d{8}T\d+Z\.sqlite/);
    const backupFile = readdirSync(backups).find((f) => f.endsWith('.sqlite'))!;

    const corrupt = readFileSync(db);
    corrupt.fill(0x33, 8192, corrupt.length - 4096);
    writeFileSync(db, corrupt);
    const listed = await counter('list-cases', '--db', db).catch((e: { code: number; stderr: string }) => e);
    expect((listed as { code: number }).code).toBe(2);
    expect((listed as { stderr: string }).stderr).toContain('DB_CORRUPT');

    const { stdout: r } = await counter('restore', '--from', `${backups}/${backupFile}`, '--db', db);
    expect(r).toContain('原資料庫已另存為');
    const kept = readdirSync(tmp.dir).find((f) => f.startsWith('counter.sqlite.before-restore-'))!;
    expect(readFileSync(tmp.file(kept)).equals(corrupt)).toBe(true);
    const { stdout: cases } = await counter('list-cases', '--db', db, '--json');
    expect((JSON.parse(cases) as unknown[]).length).toBe(12);

    const out = tmp.file('diag.json');
    await counter('diagnostics', '--db', db, '--out', out, '--backups', backups);
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as { versions: { app: string }; backups: unknown[]; queue: Record<string, number> };
    expect(bundle.versions.app).toMatch(/^\d+\.\d+\.\d+/);
    expect(bundle.backups).toHaveLength(1);
    const names = (JSON.parse(cases) as { personName: string }[]).map((c) => c.personName);
    for (const n of names) expect(readFileSync(out, 'utf8')).not.toContain(n);
  });

  it('refuses to run on a half-valid machine policy, naming the field', async () => {
    const policy = tmp.file('policy.json');
    writeFileSync(policy, JSON.stringify({ workstationId: 'FS01-W01', idleLockMinutes: 'ten' }));
    const e = await counterCli({ ...env, NIN1_POLICY_FILE: policy }).fails('list-cases', '--db', tmp.file('x.sqlite'));
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/CONFIG_INVALID.*\n.*idleLockMinutes/);
  });
});
