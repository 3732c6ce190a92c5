import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeContext, tempDir } from '../testing/fixtures';
import { importDirectory } from './importDir';
import { createFileStore, sha256Hex } from './store';
import { blankPage } from './testing/scanFixtures';

const tmp = tempDir('nin1-store-');
afterAll(() => tmp.cleanup());

describe('file store', () => {
  it('stores by content once, proves it on read, and refuses to fill the disk', async () => {
    const store = createFileStore(tmp.file('files'));
    const bytes = Buffer.from('a signed page');
    const a = await store.put('pages', bytes, 'png');
    const b = await store.put('pages', bytes, 'png');
    expect(a).toEqual(b);
    expect(a.key).toBe(`pages/${a.sha256.slice(0, 2)}/${a.sha256}.png`);
    expect(a.sha256).toBe(sha256Hex(bytes));
    expect(await store.readVerified(a.key, a.sha256)).toEqual(bytes);
    await expect(store.readVerified(a.key, '0'.repeat(64))).rejects.toMatchObject({ error: { code: 'ATTACHMENT_TAMPERED' } });
    // No half files left behind by the write-then-rename.
    expect(readdirSync(join(tmp.file('files'), 'pages', a.sha256.slice(0, 2)))).toEqual([`${a.sha256}.png`]);

    const full = createFileStore(tmp.file('files'), { minFreeBytes: Number.MAX_SAFE_INTEGER });
    await expect(full.put('pages', Buffer.from('another page'), 'png')).rejects.toMatchObject({ error: { code: 'DISK_FULL', message: expect.stringContaining('磁碟空間不足') } });
  });

  it('a full disk stops an import with the clerk’s error; nothing is recorded as imported, so it is retried', async () => {
    const ctx = makeContext(tmp.file('full.sqlite'));
    const dir = tmp.file('drop');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'p1.png'), await blankPage(100));
    await new Promise((r) => setTimeout(r, 500)); // older than the "still being written" window
    const full = createFileStore(tmp.file('full-files'), { minFreeBytes: Number.MAX_SAFE_INTEGER });
    await expect(importDirectory(ctx, dir, { store: full })).rejects.toMatchObject({ error: { code: 'DISK_FULL' } });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM imported_files').pluck().get()).toBe(0);
    expect(ctx.db.prepare("SELECT state, error_code FROM scan_batches").get()).toEqual({ state: 'failed', error_code: 'DISK_FULL' });
    // Space again: the same file goes in.
    const summary = await importDirectory(ctx, dir, { store: createFileStore(tmp.file('full-files')) });
    expect(summary).toMatchObject({ pages: 1, unmatched: 1 });
    expect(existsSync(tmp.file('full-files/pages'))).toBe(true);
    ctx.db.close();
  });
});
