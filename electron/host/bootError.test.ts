import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCounter, type BootedCounter } from '../services/boot/boot';
import { silentLogger } from '../services/logging/logger';
import { tempDir } from '../services/testing/fixtures';
import { startHost, type RunningHost } from './server';

/** The browser host with a half-valid policy: it serves the admin error screen and runs nothing. */
const tmp = tempDir('nin1-host-policy-');
let counter: BootedCounter;
let host: RunningHost;

beforeAll(async () => {
  const rendererDir = tmp.file('renderer');
  mkdirSync(rendererDir);
  writeFileSync(`${rendererDir}/index.html`, '<!doctype html><html lang="zh-Hant-TW"><title>t</title></html>');
  const policy = tmp.file('policy.json');
  writeFileSync(policy, JSON.stringify({ office: { code: 'FS01', name: '鳳山', agencyCode: 'KH-HR-FS' }, update: { url: 'ftp://updates.example/' } }));
  counter = bootCounter({ dbFile: tmp.file('c.sqlite'), create: true, shell: 'browser-host', logger: silentLogger(), env: { NIN1_POLICY_FILE: policy } });
  host = await startHost({ app: counter, rendererDir });
});
afterAll(async () => {
  await host.close();
  counter.close();
  tmp.cleanup();
});

const post = (method: string, body: unknown = {}) =>
  fetch(`http://127.0.0.1:${host.port}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` }, body: JSON.stringify(body) });

describe('browser host with an invalid policy', () => {
  it('still serves the page (with the same CSP) so the admin error screen can show', async () => {
    const r = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
  it('answers every call with CONFIG_INVALID naming the field; nothing runs', async () => {
    const info = (await (await post('system.info')).json()) as { ok: false; error: { code: string; path: string; message: string } };
    expect(info.error).toMatchObject({ code: 'CONFIG_INVALID', path: 'update.url' });
    expect(info.error.message).toContain('update.url');
    const login = (await (await post('session.login', { username: 'clerk', password: 'demo1234' })).json()) as { ok: boolean; error: { code: string } };
    expect(login).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
    const status = (await (await post('recovery.status')).json()) as { value: { mode: string; issues: { path: string }[] } };
    expect(status.value.mode).toBe('config-invalid');
    expect(status.value.issues.map((i) => i.path)).toEqual(['update.url']);
  });
  it('still demands the launch token for the error details', async () => {
    const r = await fetch(`http://127.0.0.1:${host.port}/api/recovery.status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
  });
});
