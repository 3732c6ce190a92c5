import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'platform', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'nin1-platform-cli-'));
const db = join(dir, 'platform.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const platformCli = (...args: string[]) => run(tsx, [cli, ...args], { cwd: root, timeout: 60_000 });

async function enrolOver(url: string, code: string, client: object) {
  const r = await fetch(`${url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, client }) });
  return { status: r.status, body: (await r.json()) as { token: string } };
}

describe('npm run platform', () => {
  it('serves on 127.0.0.1, prints exactly `LISTENING <url>`, enrols with CLI-issued and demo codes, honours revocation, stops on SIGTERM', async () => {
    const { stdout: code } = await platformCli('enroll-code', '--db', db, '--office', 'FS01', '--workstation', 'FS01-W01', '--sender', 'KH-HR-FS');
    expect(code.trim()).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);

    const child = spawn(tsx, [cli, '--port', '0', '--db', db, '--demo'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no LISTENING line; stdout: ${out}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^LISTENING (http:\/\/127\.0\.0\.1:\d+)\n/m.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (c) => reject(new Error(`exited ${c}`)));
    });
    try {
      expect((await fetch(`${url}/v1/health`)).status).toBe(200);
      expect((await fetch(`${url}/v1/openapi.json`)).status).toBe(200);
      const ws = await enrolOver(url, code.trim(), { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' });
      expect(ws.status).toBe(201);
      // demo codes are reusable: the demo counter enrols at every start
      for (let i = 0; i < 2; i++) expect((await enrolOver(url, 'DEMO-KH-TAX', { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'demo' })).status).toBe(201);
      expect((await enrolOver(url, 'DEMO-FS01-W01', { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' })).status).toBe(201);

      const changes = () => fetch(`${url}/v1/offices/FS01/changes`, { headers: { authorization: `Bearer ${ws.body.token}` } });
      expect((await changes()).status).toBe(200);
      const { stdout: revoked } = await platformCli('revoke', '--db', db, '--workstation', 'FS01/FS01-W01');
      expect(revoked).toContain('已撤銷 2 個憑證');
      expect((await changes()).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(exitCode).toBe(0);
    expect(out.trim().split('\n')).toEqual([`LISTENING ${url}`]);

    const { stdout: audit } = await platformCli('verify-audit', '--db', db);
    expect(audit).toMatch(/稽核鏈完整/);
  }, 180_000); // four tsx start-ups in a row: generous for a loaded CI machine

  it('bad usage exits 1 with a zh-TW message', async () => {
    await expect(platformCli('enroll-code', '--db', db)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('缺少 --office') });
    await expect(platformCli('nope')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('未知的指令') });
  }, 120_000);
});
