import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'platform', 'cli.ts');

export type PlatformNode = { url: string; child: ChildProcess; stderr(): string; stop(): Promise<number | null> };

/**
 * A platform node as operators run it (`npm run platform -- …`) in its own process, so a test can
 * see it die: resolves on its `LISTENING <url>` line, rejects with its stderr when it exits first.
 */
export function spawnPlatformNode(args: string[], env: Record<string, string> = {}): Promise<PlatformNode> {
  const child = spawn(tsx, [cli, '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NIN1_OVERDUE_REMIND_AT: 'off', NIN1_RETENTION_AT: 'off', ...env },
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
