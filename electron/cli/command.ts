import { createCounterApp, type CounterApp, type CounterAppOptions } from '../services/app';
import { loadWorkstationConfig } from '../services/config/load';
import { silentLogger } from '../services/logging/logger';
import { installConfiguredKeyStore } from '../services/signing/configuredKeyStore';

/** Bad usage (exit 1); anything else that fails is an operation failure (exit 2). */
export class UsageError extends Error {}

export type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;
export type Values = Record<string, string | boolean | undefined>;

/** One CLI sub-command: its options, one usage line, and what it does. Returns the exit code. */
export type Command = {
  name: string;
  usage: string;
  options: OptionSpec;
  /** The option a single positional argument fills (`verify-evidence FILE`); others take none. */
  positional?: string;
  /** Exit code for bad usage (unknown option, extra argument) when the surface says other than 1 (verify-evidence: 2). */
  usageExitCode?: number;
  run(values: Values): Promise<number> | number;
};

export function need(values: Values, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || v === '') throw new UsageError(`缺少 --${key}`);
  return v;
}

/**
 * Opens the counter engine on an EXISTING `--db` (a missing or empty file is refused, db/open.ts), runs `fn`, and
 * always closes the database. `sync`: engine settings (sync command); `create`: only seed-demo makes a new file.
 */
export async function withApp<T>(values: Values, fn: (app: CounterApp) => Promise<T> | T, extra: Pick<CounterAppOptions, 'sync' | 'create'> = {}): Promise<T> {
  // The machine policy applies to the CLI too (office, workstation id for enrolment); a bad policy stops here.
  const { config, policy } = loadWorkstationConfig();
  // Signing keys (enrol, sync): on the configured PKCS#11 token, else 0600 files beside the database.
  const closeKeys = installConfiguredKeyStore(config, null);
  try {
    const app = createCounterApp({ dbFile: need(values, 'db'), shell: 'cli', logger: silentLogger(), config, policy, ...extra });
    try {
      return await fn(app);
    } finally {
      app.close();
    }
  } finally {
    closeKeys();
  }
}
