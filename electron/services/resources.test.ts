import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resourcePath, resourcesDir } from './resources';

describe('resources', () => {
  afterEach(() => {
    delete process.env.NIN1_RESOURCES_DIR;
  });

  it('resolves to <repo>/resources by default and finds the shipped font and catalogue', () => {
    expect(path.resolve(resourcesDir())).toBe(path.resolve(import.meta.dirname, '../../resources'));
    expect(existsSync(resourcePath('fonts', 'NotoSansCJKtc-Regular-subset.otf'))).toBe(true);
    expect(existsSync(resourcePath('catalogue', 'items.json'))).toBe(true);
  });

  it('honours NIN1_RESOURCES_DIR (set by the packaged Electron main)', () => {
    process.env.NIN1_RESOURCES_DIR = '/opt/nin1/resources';
    expect(resourcePath('fonts', 'a.otf')).toBe(path.join('/opt/nin1/resources', 'fonts', 'a.otf'));
  });
});
