import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/pg-test-server.sh', import.meta.url));

export type PgServer = { url: string; stop(): Promise<void> } | { skip: string };

/**
 * A PostgreSQL server for parity tests: PG_TEST_URL (or PGHOST/PGPORT/PGUSER/PGPASSWORD) when set,
 * else a throwaway cluster from scripts/pg-test-server.sh when Debian's postgresql is installed,
 * else `{ skip }` with the reason, so the suite says why it did not run.
 */
/** `dir`: a cluster kept in that folder between runs (made on first use); `stop` then halts it and keeps its data. */
export async function pgServer(opts: { durable?: boolean; dir?: string } = {}): Promise<PgServer> {
  if (process.env.PG_TEST_URL) return { url: process.env.PG_TEST_URL, stop: async () => undefined };
  if (process.env.PGHOST) {
    const e = process.env;
    const auth = e.PGUSER ? `${encodeURIComponent(e.PGUSER)}${e.PGPASSWORD ? `:${encodeURIComponent(e.PGPASSWORD)}` : ''}@` : '';
    return { url: `postgres://${auth}${e.PGHOST}:${e.PGPORT ?? 5432}/${e.PGDATABASE ?? 'postgres'}`, stop: async () => undefined };
  }
  try {
    if (opts.dir) await run('bash', [SCRIPT, 'halt', opts.dir], { timeout: 60_000 }); // one left running by an aborted run
    const { stdout } = await run('bash', [SCRIPT, 'start', ...(opts.durable ? ['--durable'] : []), ...(opts.dir ? ['--dir', opts.dir] : [])], { timeout: 60_000 });
    const dir = /^DIR (.+)$/m.exec(stdout)?.[1];
    const url = /^URL (.+)$/m.exec(stdout)?.[1];
    if (!dir || !url) return { skip: `pg-test-server.sh printed no URL: ${stdout.trim()}` };
    return { url, stop: async () => void (await run('bash', [SCRIPT, opts.dir ? 'halt' : 'stop', dir], { timeout: 60_000 })) };
  } catch (e) {
    const err = e as { code?: number; stderr?: string; message: string };
    return { skip: err.code === 3 ? 'PostgreSQL is not installed (apt-get install postgresql, or set PG_TEST_URL)' : `could not start PostgreSQL: ${err.stderr?.trim() || err.message}` };
  }
}

/** A fresh, empty database on the server, so every suite starts from migration 0; `drop` removes it. */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `nin1_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
