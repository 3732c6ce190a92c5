import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCounterApp, type CounterApp } from '../services/app';
import { fixedClock } from '../services/clock';
import { seedDemo } from '../services/demo/seedDemo';
import { silentLogger } from '../services/logging/logger';
import { TEST_NOW, tempDir } from '../services/testing/fixtures';
import { assertTestHooksAllowed, deviceTestHooks, HidSimulator } from './deviceTestHooks';
import { startHost, type RunningHost } from './server';

const tmp = tempDir('nin1-hooks-');
let app: CounterApp;
let withHooks: RunningHost;
let plain: RunningHost;

beforeAll(async () => {
  const rendererDir = tmp.file('renderer');
  mkdirSync(rendererDir);
  writeFileSync(`${rendererDir}/index.html`, '<!doctype html><title>t</title>');
  app = createCounterApp({ dbFile: tmp.file('hooks.sqlite'), create: true, shell: 'browser-host', logger: silentLogger(), clock: fixedClock(TEST_NOW), pkcs11Module: null });
  seedDemo(app.ctx, { cases: 2 });
  const sim = new HidSimulator();
  app.devices.start({ hid: sim.api, hidPollMs: 20 });
  withHooks = await startHost({ app, rendererDir, testHook: deviceTestHooks(sim) });
  plain = await startHost({ app, rendererDir });
});
afterAll(async () => {
  await withHooks.close();
  await plain.close();
  app.close();
  tmp.cleanup();
});

const post = (host: RunningHost, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${host.port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, ...headers }, body: JSON.stringify(body) });
const json = async (r: Response) => (await r.json()) as { ok: boolean; value: never; error: { code: string } };
const login = async (username: string) => (await json(await post(withHooks, '/api/session.login', { username, password: 'demo1234' }))).value as { token: string };

describe('browser host device test hook', () => {
  it('does not exist unless the host was started with it', async () => {
    expect((await post(plain, '/__test__/plug', { device: 'cardReader' })).status).toBe(404);
  });

  it('sits behind the launch token', async () => {
    const r = await post(withHooks, '/__test__/plug', { device: 'cardReader' }, { authorization: 'Bearer wrong' });
    expect(r.status).toBe(401);
  });

  it('plugs simulated devices and plays a card through the real manager and driver', async () => {
    const clerk = (await login('clerk')).token;
    const scanner = (await login('scanner')).token;
    const cursor = async (token: string) => ((await json(await post(withHooks, '/api/devices.events', { after: null }, { 'x-session': token }))).value as { cursor: number }).cursor;
    const [c1, c2] = [await cursor(clerk), await cursor(scanner)];
    expect(await json(await post(withHooks, '/__test__/plug', { device: 'cardReader' }))).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await json(await post(withHooks, '/api/devices.status', {}))).value).toMatchObject({ devices: [{ kind: 'card-reader' }] }), { timeout: 2000 });
    expect(await json(await post(withHooks, '/__test__/insertCard', { id: 'A123456789', name: '王小明', rocBirthDate: '0790315' }))).toMatchObject({ ok: true });
    const events = async (token: string, after: number) => ((await json(await post(withHooks, '/api/devices.events', { after }, { 'x-session': token }))).value as { events: { type: string; person?: object }[] }).events;
    expect((await events(clerk, c1)).find((e) => e.type === 'card-inserted')).toMatchObject({ person: { id: 'A123456789', name: '王小明', birthDate: '1990-03-15' } });
    // A scanning clerk sees that a card went in, not whose it is.
    expect((await events(scanner, c2)).find((e) => e.type === 'card-inserted')).toMatchObject({ person: { id: null, name: '', birthDate: '' } });
  });

  it('answers unknown actions and bad input with errors, not crashes', async () => {
    expect(await json(await post(withHooks, '/__test__/explode', {}))).toMatchObject({ ok: false, error: { code: 'TEST_HOOK_UNKNOWN' } });
    expect(await json(await post(withHooks, '/__test__/plug', { device: 'toaster' }))).toMatchObject({ ok: false, error: { code: 'TEST_HOOK_FAILED' } });
    expect(await json(await post(withHooks, '/__test__/scan', { text: 'x' }))).toMatchObject({ ok: false, error: { code: 'TEST_HOOK_FAILED' } }); // scanner not plugged
  });

  it('is refused in production', () => {
    expect(() => assertTestHooksAllowed({ NODE_ENV: 'production' })).toThrow(/refused/);
    expect(() => assertTestHooksAllowed({})).not.toThrow();
  });
});
