import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { RENDERER_CSP } from '../host/csp';
import { silentLogger } from '../services/logging/logger';
import { isAppUrl, isTrustedSender, navigationGuard, permissionCheckGuard, permissionRequestGuard, webviewGuard, windowOpenGuard } from './guards';
import { HARDENED_WEB_PREFERENCES, webPreferences } from './webPreferences';

const log = silentLogger();
const fakeEvent = () => ({ preventDefault: vi.fn() });
const source = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');

describe('BrowserWindow webPreferences', () => {
  it('isolates the page: contextIsolation and sandbox on, no Node anywhere, web security on', () => {
    const prefs = webPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, preload: '/app/preload.cjs' });
    expect(HARDENED_WEB_PREFERENCES.sandbox).toBe(true);
  });
  it('main.ts builds its window from that function, not from inline preferences', () => {
    const main = source('./main.ts');
    expect(main).toMatch(/new BrowserWindow\(\{[^}]*webPreferences: webPreferences\(/);
    expect(main).not.toMatch(/nodeIntegration|contextIsolation|sandbox:/);
  });
});

describe('deny-by-default handlers', () => {
  it('navigation stays inside app://renderer', () => {
    const guard = navigationGuard(log);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://renderer.evil/x', 'app://other/index.html', 'javascript:alert(1)', 'not a url']) {
      const e = fakeEvent();
      guard(e, url);
      expect(e.preventDefault, url).toHaveBeenCalledOnce();
    }
    const ok = fakeEvent();
    guard(ok, 'app://renderer/index.html#/home');
    expect(ok.preventDefault).not.toHaveBeenCalled();
  });
  it('window.open is always denied, even for our own origin', () => {
    expect(windowOpenGuard(log)({ url: 'https://example.gov.tw/' })).toEqual({ action: 'deny' });
    expect(windowOpenGuard(log)({ url: 'app://renderer/index.html' })).toEqual({ action: 'deny' });
  });
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'usb', 'fullscreen', 'openExternal'])('permission request %s is refused', (permission) => {
    const callback = vi.fn();
    permissionRequestGuard(log)({}, permission, callback);
    expect(callback).toHaveBeenCalledWith(false);
  });
  it('permission checks and <webview> are refused', () => {
    expect(permissionCheckGuard()).toBe(false);
    const e = fakeEvent();
    webviewGuard(e);
    expect(e.preventDefault).toHaveBeenCalledOnce();
  });
  it('IPC answers only our renderer frames', () => {
    expect(isTrustedSender('app://renderer/index.html')).toBe(true);
    for (const u of [undefined, null, '', 'https://renderer/', 'app://renderer.evil/', 'devtools://devtools/']) expect(isTrustedSender(u)).toBe(false);
    expect(isAppUrl('app://renderer/')).toBe(true);
  });
  it('hardening.ts attaches every guard', () => {
    const h = source('./hardening.ts');
    for (const hook of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler', "'will-navigate'", "'will-redirect'", 'setWindowOpenHandler', "'will-attach-webview'"]) expect(h).toContain(hook);
  });
});

describe('Content-Security-Policy', () => {
  const directives = Object.fromEntries(RENDERER_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  it('starts from nothing and allows no inline or eval code', () => {
    expect(RENDERER_CSP.startsWith("default-src 'none'")).toBe(true);
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
  });
  it('names no remote origin and no wildcard', () => {
    expect(RENDERER_CSP).not.toMatch(/https?:|wss?:|\*/);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });
  it('is the one CSP both shells send', () => {
    expect(source('./protocol.ts')).toMatch(/import \{ RENDERER_CSP \} from '\.\.\/host\/csp'/);
    expect(source('../host/server.ts')).toMatch(/import \{ RENDERER_CSP \} from '\.\/csp'/);
  });
  it('the renderer page has no inline script or style to need an exception', () => {
    const html = source('../../renderer/index.html');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/\sstyle="/i);
    expect(html).not.toMatch(/<style/i);
  });
});

describe('preload', () => {
  it('exposes exactly window.nin1.invoke, relayed on one IPC channel', async () => {
    const out = await build({ entryPoints: [fileURLToPath(new URL('../preload/preload.ts', import.meta.url))], bundle: true, write: false, platform: 'node', format: 'cjs', external: ['electron'] });
    const code = out.outputFiles[0]!.text;
    const exposed: Record<string, unknown> = {};
    const invoke = vi.fn(async () => ({ ok: true, value: 1 }));
    const electron = { contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) }, ipcRenderer: { invoke, on: vi.fn(), send: vi.fn() } };
    const required: string[] = [];
    runInNewContext(code, { module: { exports: {} }, exports: {}, require: (m: string) => (required.push(m), m === 'electron' ? electron : undefined) });
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['nin1']);
    const bridge = exposed.nin1 as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(bridge)).toEqual(['invoke']);
    await bridge.invoke!('system.info', {}, null);
    expect(invoke).toHaveBeenCalledWith('nin1:invoke', { method: 'system.info', input: {}, session: null });
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });
});
