import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open';
import { TEST_SECRET } from '../testing/harness';
import { PLATFORM_CLI, spawnPlatformNode } from '../testing/node';
import { freshDatabase, pgServer } from '../testing/pg';
import { secretFor } from './secret';

/**
 * Issue 14 §5: a PostgreSQL node without NIN1_PLATFORM_SECRET signed with a secret of its own and
 * then refused every token the other nodes issued. It must not start, nor mint an admin token.
 */
const run = promisify(execFile);
const server = await pgServer();
afterAll(async () => {
  if ('url' in server) await server.stop();
});

const withoutSecret = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NIN1_PLATFORM_SECRET'));

if (!('url' in server)) {
  describe('token secret on PostgreSQL', () => it.skip(`skipped: ${server.skip}`, () => undefined));
} else {
  describe('token secret on PostgreSQL', () => {
    it('finding f: a PostgreSQL node without NIN1_PLATFORM_SECRET refuses to start, and admin-token --pg refuses too; with it both work', async () => {
      const db = await freshDatabase(server.url);
      try {
        const store = await openStore({ kind: 'postgres', url: db.url });
        await expect(secretFor(store, undefined)).rejects.toMatchObject({ error: { code: 'CONFIG_INVALID', message: expect.stringContaining('NIN1_PLATFORM_SECRET') } });
        expect(await secretFor(store, TEST_SECRET)).toBe(TEST_SECRET);
        expect((await store.counts()).audit).toBe(0);
        await store.close();

        await expect(spawnPlatformNode(['--pg', db.url], { NIN1_PLATFORM_SECRET: undefined })).rejects.toThrow(/exited \(2\)[\s\S]*CONFIG_INVALID[\s\S]*NIN1_PLATFORM_SECRET/);
        const refused = await run(PLATFORM_CLI.tsx, [PLATFORM_CLI.cli, 'admin-token', '--pg', db.url, '--name', 'ops'], { cwd: PLATFORM_CLI.root, env: withoutSecret(), timeout: 60_000 }).catch((e: { code: number; stdout: string; stderr: string }) => e);
        expect(refused).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('NIN1_PLATFORM_SECRET') });

        const minted = await run(PLATFORM_CLI.tsx, [PLATFORM_CLI.cli, 'admin-token', '--pg', db.url, '--name', 'ops'], { cwd: PLATFORM_CLI.root, env: { ...withoutSecret(), NIN1_PLATFORM_SECRET: TEST_SECRET }, timeout: 60_000 });
        expect(minted.stdout.trim()).toMatch(/^nin1\./);
        const node = await spawnPlatformNode(['--pg', db.url], { NIN1_PLATFORM_SECRET: TEST_SECRET });
        try {
          // The token another process minted with the shared secret is good on this node.
          expect((await fetch(`${node.url}/v1/stats`, { headers: { authorization: `Bearer ${minted.stdout.trim()}` } })).status).toBe(200);
        } finally {
          expect(await node.stop()).toBe(0);
        }
      } finally {
        await db.drop();
      }
    }, 180_000);
  });
}
