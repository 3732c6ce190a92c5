import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'platform', 'cli.ts');

export const PLATFORM_CLI = { tsx, cli, root };

export type PlatformNode = { url: string; child: ChildProcess; stderr(): string; stop(): Promise<number | null> };

/**
 * A platform node as operators run it (`npm run platform -- …`) in its own process, so a test can
 * see it die: resolves on its `LISTENING <url>` line, rejects with its stderr when it exits first.
 */
/** `env`: added to this process's environment; a key given as undefined is removed from it. */
export function spawnPlatformNode(args: string[], env: Record<string, string | undefined> = {}): Promise<PlatformNode> {
  const merged: Record<string, string | undefined> = { ...process.env, NIN1_OVERDUE_REMIND_AT: 'off', NIN1_RETENTION_AT: 'off', ...env };
  const child = spawn(tsx, [cli, '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)),
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^LISTENING (http:\/\/\S+)\n/m.exec(out);
      if (m) {
        resolve({
          url: m[1]!,
          child,
          stderr: () => err,
          async stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`platform node exited (${code}) before listening:\n${err}`)));
  });
}
