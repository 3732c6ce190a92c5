// Real child processes for fault tests: the platform server (`platform/cli.ts serve`) and the
// counter's sync loop (syncLoop.child.ts), each killable with SIGKILL and restartable.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A free loopback port (bound then released), so a restarted platform can come back on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export type Child = { proc: ChildProcess; lines: string[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; kill9(): Promise<void> };

/** Spawns `node --import tsx <script> …args`, collecting stdout lines; `onLine` sees each one. */
export function spawnTs(script: string, args: string[], onLine?: (line: string, child: Child) => void, env: NodeJS.ProcessEnv = {}): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NIN1_LOG_LEVEL: 'warn', ...env } });
  const lines: string[] = [];
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const child: Child = {
    proc,
    lines,
    exited,
    async kill9() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      onLine?.(l, child);
    }
  });
  proc.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  proc.on('exit', (code) => {
    if (code !== 0 && code !== null && process.env.NIN1_TEST_DEBUG) console.error(stderr);
  });
  return child;
}

/** The platform as its own process (`npm run platform -- --port N --db FILE --demo`); resolves when it listens. */
export async function startPlatformProcess(port: number, dbFile: string): Promise<Child & { url: string }> {
  let ready!: (url: string) => void;
  const listening = new Promise<string>((r) => (ready = r));
  const child = spawnTs(`${ROOT}platform/cli.ts`, ['serve', '--port', String(port), '--db', dbFile, '--demo'], (line) => {
    if (line.startsWith('LISTENING ')) ready(line.slice(10).trim());
  });
  const url = await Promise.race([
    listening,
    child.exited.then(({ code }) => {
      throw new Error(`platform exited (${code}) before listening`);
    }),
  ]);
  return Object.assign(child, { url });
}

export const SYNC_LOOP_CHILD = fileURLToPath(new URL('./syncLoop.child.ts', import.meta.url));
