import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resourcePath } from '../resources';
import { CatalogueError, loadCatalogue } from './loadCatalogue';

const dirs: string[] = [];
const copy = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'nin1-cat-'));
  dirs.push(dir);
  cpSync(resourcePath('catalogue'), dir, { recursive: true });
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('loadCatalogue', () => {
  it('loads the shipped catalogue', () => {
    // Tables 4-15/4-16 (N, V) and the death, birth and assistance bundles (D, B, A) of issue 12.
    expect(loadCatalogue(resourcePath('catalogue')).items.map((i) => i.code)).toEqual(expect.arrayContaining(['N01', 'V03', 'D01', 'B01', 'A01']));
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const dir = copy();
    writeFileSync(join(dir, 'items.json'), '{ "version": "x", items: [ }');
    expect(() => loadCatalogue(dir)).toThrow(CatalogueError);
    try {
      loadCatalogue(dir);
    } catch (e) {
      expect((e as CatalogueError).problems[0]).toMatchObject({ file: 'items.json', message: expect.stringContaining('不是有效的 JSON') });
      expect((e as Error).message).toContain('程式無法啟動');
    }
  });

  it('refuses a missing file', () => {
    const dir = copy();
    rmSync(join(dir, 'agencies.json'));
    expect(() => loadCatalogue(dir)).toThrow(/agencies\.json.*找不到檔案/s);
  });
});
