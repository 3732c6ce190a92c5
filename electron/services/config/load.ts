import type { MachinePolicy, PolicyKey } from '../../../shared/policy/schema';
import { DEMO_CONFIG, type CounterConfig } from './config';
import { PolicyInvalid } from './errors';
import { policyFilePath, readPolicyFile } from './policyFile';
import { resolveConfig } from './resolve';

/** What the shells know about where the config came from: the admin screen shows it. */
export type PolicyState = { file: string; present: boolean; locked: PolicyKey[] };

export type WorkstationConfig = { config: CounterConfig; policy: PolicyState };

/**
 * The one start-up call: machine policy (IT) over the user's settings over the defaults. Throws
 * PolicyInvalid — naming every bad field — when either file is wrong; the shells then show the admin
 * error screen instead of running with part of the settings.
 */
export function loadWorkstationConfig(o: { env?: NodeJS.ProcessEnv; defaults?: CounterConfig; userSettingsFile?: string } = {}): WorkstationConfig {
  const file = policyFilePath(o.env);
  const policy = readPolicyFile(file);
  if (policy.kind === 'invalid') throw new PolicyInvalid(policy.file, policy.issues);
  let user: MachinePolicy | null = null;
  if (o.userSettingsFile) {
    const read = readPolicyFile(o.userSettingsFile);
    if (read.kind === 'invalid') throw new PolicyInvalid(read.file, read.issues);
    if (read.kind === 'ok') user = read.policy;
  }
  const resolved = resolveConfig(o.defaults ?? DEMO_CONFIG, user, policy.kind === 'ok' ? policy.policy : null);
  return { config: resolved.config, policy: { file, present: policy.kind === 'ok', locked: resolved.locked } };
}
