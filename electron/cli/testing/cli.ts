import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** What a failed CLI run leaves: its exit code and both streams (execFile's error carries them). */
export type CliFailure = { code: number; stdout: string; stderr: string };

const run = promisify(execFile);
const COUNTER = fileURLToPath(new URL('../counter.ts', import.meta.url));

/**
 * Runs `npm run counter -- …` the way IT does (a process of its own, through tsx), for the tests of the stable
 * surfaces: `counter` resolves with the streams, `fails` resolves with the failure and throws if the run succeeded.
 * Each run costs a process start, so tests call services directly and spawn once per surface.
 */
export function counterCli(env?: NodeJS.ProcessEnv) {
  const counter = (...args: string[]) => run(process.execPath, ['--import', 'tsx', COUNTER, ...args], { encoding: 'utf8', env });
  const fails = async (...args: string[]): Promise<CliFailure> => {
    try {
      await counter(...args);
    } catch (e) {
      return e as CliFailure;
    }
    throw new Error(`expected counter ${args[0] ?? ''} to fail`);
  };
  return { counter, fails, path: COUNTER };
}
