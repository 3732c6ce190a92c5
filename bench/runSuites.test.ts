import { describe, expect, it } from 'vitest';
import { rasterizePdf } from '../electron/services/scanning/testing/scanFixtures';
import { runSuites } from './runSuites';
import { entry } from './stats';

describe('bench runner', () => {
  it('finding 13-a: a suite whose tool is missing is one failed row naming npm run setup, and the other suites still report', async () => {
    const path = process.env.PATH;
    const lines: string[] = [];
    try {
      process.env.PATH = '/nonexistent'; // a machine before `npm run setup`: no pdftoppm
      const results = await runSuites(
        [
          ['first', () => [entry('first', 1, 'ms', 10)]],
          ['scan-20-pages', () => [rasterizePdf(new Uint8Array(), 150)].map(() => entry('x', 1, 'ms', 1))],
          ['last', async () => [entry('last', 2, 'ms', 10)]],
        ],
        (s) => lines.push(s),
      );
      expect(results.map((r) => [r.name, r.ok])).toEqual([['first', true], ['scan-20-pages', false], ['last', true]]);
      expect(results[1]).toMatchObject({ failed: true, error: expect.stringContaining('npm run setup') });
      expect(results[1]).toMatchObject({ error: expect.stringContaining('pdftoppm') });
      expect(JSON.parse(JSON.stringify(results))).toHaveLength(3); // the --json array carries all three
      expect(lines.some((l) => l.startsWith('scan-20-pages FAILED'))).toBe(true);
    } finally {
      process.env.PATH = path;
    }
  });
});
