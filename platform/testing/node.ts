import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'platform', 'cli.ts');

/**
 * `tsx` runs a script in a child process of its own, so a signal to the launcher is not a signal to
 * the platform (kill -9 of tsx leaves the real node serving). `node --import tsx` loads the same
 * TypeScript in ONE process: the pid we hold is the process that listens.
 */
const nodeArgs = ['--import', 'tsx', cli];

export const PLATFORM_CLI = { tsx, cli, root, node: process.execPath, nodeArgs };

export type PlatformNode = {
  url: string;
  child: ChildProcess;
  /** The serving process itself (no launcher in between). */
  pid: number;
  stderr(): string;
  /** SIGTERM (a drain, as an operator stops a node); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** kill -9 of the serving process: no chance to clean up; resolves with the signal it died of. */
  killHard(): Promise<NodeJS.Signals | null>;
};

/**
 * A platform node as operators run it (`npm run platform -- …`) in its own process, so a test can
 * see it die: resolves on its `LISTENING <url>` line, rejects with its stderr when it exits first.
 */
/** `env`: added to this process's environment; a key given as undefined is removed from it. */
export function spawnPlatformNode(args: string[], env: Record<string, string | undefined> = {}): Promise<PlatformNode> {
  const merged: Record<string, string | undefined> = { ...process.env, NIN1_OVERDUE_REMIND_AT: 'off', NIN1_RETENTION_AT: 'off', ...env };
  const child = spawn(process.execPath, [...nodeArgs, '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)),
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^LISTENING (http:\/\/\S+)\n/m.exec(out);
      if (m) {
        resolve({
          url: m[1]!,
          child,
          pid: child.pid!,
          stderr: () => err,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            return (await exited).code;
          },
          async killHard() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            return (await exited).signal;
          },
        });
      }
    });
    void exited.then(({ code }) => reject(new Error(`platform node exited (${code}) before listening:\n${err}`)));
  });
}
