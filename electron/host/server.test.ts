import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterApp, type CounterApp } from '../services/app';
import { fixedClock } from '../services/clock';
import { seedDemo } from '../services/demo/seedDemo';
import { silentLogger } from '../services/logging/logger';
import { moveDraft, TEST_NOW, tempDir } from '../services/testing/fixtures';
import { startHost, type RunningHost } from './server';

const tmp = tempDir('nin1-host-');
let app: CounterApp;
let host: RunningHost;
let origin: string;

beforeAll(async () => {
  const rendererDir = tmp.file('renderer');
  mkdirSync(rendererDir);
  writeFileSync(`${rendererDir}/index.html`, '<!doctype html><html lang="zh-Hant-TW"><title>t</title></html>');
  app = createCounterApp({ dbFile: tmp.file('host.sqlite'), create: true, shell: 'browser-host', logger: silentLogger(), clock: fixedClock(TEST_NOW) });
  seedDemo(app.ctx, { cases: 5 });
  host = await startHost({ app, rendererDir });
  origin = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  app.close();
  tmp.cleanup();
});

const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const login = async (username = 'clerk'): Promise<string> => {
  const r = (await (await post('session.login', { username, password: 'demo1234' })).json()) as { ok: true; value: { token: string } };
  return r.value.token;
};

describe('browser host', () => {
  it('listens on loopback only and prints a URL carrying the launch token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{32}$`));
  });

  it('serves the renderer with a strict CSP', async () => {
    const r = await fetch(`${origin}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('runs the whole slice: login, create a case, find it, print its form', async () => {
    const session = await login();
    const headers = { 'x-session': session };
    const created = (await (await post('cases.create', moveDraft(), headers)).json()) as { ok: boolean; value: { caseNo: string } };
    expect(created.ok).toBe(true);
    const found = (await (await post('cases.search', { query: 'A123456789' }, headers)).json()) as { value: { caseNo: string }[] };
    expect(found.value.map((c) => c.caseNo)).toContain(created.value.caseNo);
    const pdf = (await (await post('cases.formPdf', { caseNo: created.value.caseNo }, headers)).json()) as { ok: boolean; value: { pdfBase64: string; pages: number } };
    expect(pdf.ok).toBe(true);
    expect(Buffer.from(pdf.value.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.each([
    ['no token', {}, 401, 'HOST_TOKEN'],
    ['a wrong token', { authorization: 'Bearer nope' }, 401, 'HOST_TOKEN'],
    ['a foreign Origin', { origin: 'http://evil.example', authorization: 'TOKEN' }, 403, 'ORIGIN_REJECTED'],
  ])('refuses a call with %s', async (_name, headers: Record<string, string>, status, code) => {
    const auth: Record<string, string> = headers.authorization === 'TOKEN' ? { authorization: `Bearer ${host.token}` } : {};
    const r = await fetch(`${origin}/api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...auth }, body: '{}' });
    expect(r.status).toBe(status);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it.each([
    ['another port on loopback', 'http://127.0.0.1:1'],
    ['localhost (another origin for the browser)', `http://localhost`],
    ['a sandboxed or file page (Origin: null)', 'null'],
  ])('refuses a token-carrying call from %s', async (_name, foreign) => {
    const r = await fetch(`${origin}/api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, origin: foreign }, body: '{}' });
    expect(r.status).toBe(403);
  });

  it('refuses an API call with a rebinding Host header even with the right token', async () => {
    const { request } = await import('node:http');
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/system.info', method: 'POST', headers: { host: `rebind.example:${host.port}`, authorization: `Bearer ${host.token}`, 'content-type': 'application/json' } },
        (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(res.status).toBe(421);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'HOST_REJECTED' } });
  });

  it('is not reachable on the IPv6 loopback or any other address: bound to 127.0.0.1 only', async () => {
    const { connect } = await import('node:net');
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '::1', port: host.port });
      socket.once('connect', () => (socket.destroy(), resolve('connected')));
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(outcome).not.toBe('connected');
  });

  it('refuses a rebinding Host header', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'attacker.example:80' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('answers bad input with typed zh-TW errors and stores nothing', async () => {
    const session = await login();
    const headers = { 'x-session': session };
    const cases = () => app.ctx.db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number;
    const before = cases();

    const malformed = await post('cases.create', '{"lifeEvent": "move", ', headers);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toContain('JSON');

    const huge = await post('cases.create', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }), headers);
    expect(huge.status).toBe(413);

    const wrongShape = (await (await post('cases.create', { ...moveDraft(), items: 'all' }, headers)).json()) as { ok: false; error: { code: string; path: string; message: string } };
    expect(wrongShape.error).toMatchObject({ code: 'INPUT_INVALID', path: 'items' });
    expect(wrongShape.error.message).toMatch(/[\u4e00-\u9fff]/);

    const badId = (await (await post('cases.create', moveDraft({ person: { id: 'A123456788', name: '王小明', birthDate: '1990-03-15' } }), headers)).json()) as { ok: false; error: { code: string; path: string } };
    expect(badId.error).toMatchObject({ code: 'CASE_INVALID', path: 'participants[0].id' });

    const unknown = (await (await post('cases.drop', {}, headers)).json()) as { ok: false; error: { code: string } };
    expect(unknown.error.code).toBe('METHOD_UNKNOWN');
    expect(cases()).toBe(before);
  });

  it('requires a session, and a role that may do the work', async () => {
    const anonymous = (await (await post('cases.today', {})).json()) as { ok: false; error: { code: string } };
    expect(anonymous.error.code).toBe('AUTH_REQUIRED');
    const wrong = (await (await post('session.login', { username: 'clerk', password: 'wrong' })).json()) as { ok: false; error: { code: string; message: string } };
    expect(wrong.error).toEqual({ code: 'AUTH_FAILED', message: '帳號或密碼錯誤' });
    const scanner = await login('scanner');
    const denied = (await (await post('cases.create', moveDraft(), { 'x-session': scanner })).json()) as { ok: false; error: { code: string } };
    expect(denied.error.code).toBe('ACCESS_DENIED');
  });
});
