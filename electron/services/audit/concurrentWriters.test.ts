import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditCommand } from '../../cli/commands/verifyAudit';
import { openDatabase } from '../db/open';
import { spawnTs } from '../testing/processes';
import { tempDir } from '../testing/fixtures';

const CHILD = fileURLToPath(new URL('./appendLoop.child.ts', import.meta.url));
const tmp = tempDir('nin1-audit-writers-');
afterAll(() => tmp.cleanup());

describe('audit chain under two writing processes', { timeout: 180_000 }, () => {
  it('finding 9: two processes appending 1,500 rows each leave one unbroken chain (verify-audit OK 3000)', async () => {
    const file = tmp.file('two-writers.sqlite');
    openDatabase(file, { create: true }).close(); // migrated once, so the children only append
    const children = ['FS01-W01', 'FS01-W02'].map((ws) => spawnTs(CHILD, [file, '1500', ws]));
    const exits = await Promise.all(children.map((c) => c.exited));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    expect(children.map((c) => c.lines)).toEqual([['appended 1500'], ['appended 1500']]);
    // The verify-audit command itself, in this process (its CLI wiring is covered by electron/cli/verifyAudit.test.ts).
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await verifyAuditCommand.run({ db: file });
    expect({ code, printed: printed.mock.calls }).toEqual({ code: 0, printed: [['OK 3000']] });
    printed.mockRestore();
  });
});
