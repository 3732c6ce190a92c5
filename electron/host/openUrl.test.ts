import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../services/testing/fixtures';
import { createOpenCodes } from './openCodes';
import { startHost } from './server';

const tmp = tempDir('nin1-open-');
afterAll(() => tmp.cleanup());

describe('opening the browser host', () => {
  it('finding 13-d: the URL given to xdg-open carries no token; its one-use code redirects to the token URL once', async () => {
    const rendererDir = tmp.file('renderer');
    mkdirSync(rendererDir);
    writeFileSync(`${rendererDir}/index.html`, '<!doctype html><html lang="zh-Hant-TW"><title>t</title></html>');
    const host = await startHost({ app: { call: async () => ({ ok: true, value: null }) }, rendererDir });
    try {
      const open = host.openUrl();
      expect(open).not.toContain(host.token);
      expect(open).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/open/[A-Za-z0-9_-]{24}$`));
      const first = await fetch(open, { redirect: 'manual' });
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe(`/#token=${host.token}`);
      expect(first.headers.get('cache-control')).toBe('no-store');
      const again = await fetch(open, { redirect: 'manual' }); // someone who read it in `ps`
      expect(again.status).toBe(410);
      expect(await again.text()).not.toContain(host.token);
      expect((await fetch(`http://127.0.0.1:${host.port}/open/guess`, { redirect: 'manual' })).status).toBe(410);
    } finally {
      await host.close();
    }
  });

  it('a code is good for one minute only', () => {
    let now = 0;
    const codes = createOpenCodes(() => now);
    const code = codes.mint();
    now = 60_000;
    expect(codes.redeem(code)).toBe(false);
    const fresh = codes.mint();
    expect(codes.redeem(fresh)).toBe(true);
    expect(codes.redeem(fresh)).toBe(false);
  });
});
