import type { BenchEntry } from './stats';

/** A suite that could not produce its figures: reported as failed, with the reason, beside the others. */
export type FailedSuite = { name: string; ok: false; failed: true; error: string };
export type Suite = [string, () => BenchEntry[] | Promise<BenchEntry[]>];

/** A missing program (spawn ENOENT, or a tool that "failed: null") is a set-up problem with one fix. */
export function suiteError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const message = err?.message ?? String(e);
  if (err?.code === 'ENOENT' || /failed: null|not found|ENOENT/.test(message)) {
    return `${message} — a required tool is missing (poppler-utils, sane-utils, …): run \`npm run setup\``;
  }
  return message;
}

/**
 * Runs each suite in turn. One suite throwing (a missing tool, a bug) no longer loses every figure
 * of the run (issue 13, new user): it becomes one failed row and the next suite runs.
 */
export async function runSuites(suites: Suite[], log: (s: string) => void, only?: string[]): Promise<(BenchEntry | FailedSuite)[]> {
  const results: (BenchEntry | FailedSuite)[] = [];
  for (const [name, run] of suites) {
    if (only && !only.includes(name)) continue;
    log(`running ${name}…`);
    try {
      results.push(...(await run()));
    } catch (e) {
      const error = suiteError(e);
      log(`${name} FAILED: ${error}`);
      results.push({ name, ok: false, failed: true, error });
    }
  }
  return results;
}
