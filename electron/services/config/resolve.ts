import { POLICY_KEYS, type MachinePolicy, type PolicyKey } from '../../../shared/policy/schema';
import { CounterConfig } from './config';

export type ResolvedConfig = {
  config: CounterConfig;
  /** Settings IT fixed in the policy: shown locked in the UI, never changed by the user. */
  locked: PolicyKey[];
};

/** Maps policy keys onto config fields; one place, so a new policy key cannot be forgotten silently. */
function toConfig(p: MachinePolicy): Partial<CounterConfig> {
  const out: Partial<CounterConfig> = {};
  if (p.platform) out.platform = p.platform;
  if (p.office) Object.assign(out, { officeCode: p.office.code, officeName: p.office.name, agencyCode: p.office.agencyCode });
  if (p.workstationId !== undefined) out.workstationId = p.workstationId;
  if (p.pkcs11ModulePath !== undefined) out.pkcs11ModulePath = p.pkcs11ModulePath;
  if (p.deviceProfiles) out.deviceProfiles = p.deviceProfiles;
  if (p.scanProfiles) out.scanProfiles = p.scanProfiles;
  if (p.hotFolder !== undefined) out.hotFolder = p.hotFolder;
  if (p.idleLockMinutes !== undefined) out.idleLockMinutes = p.idleLockMinutes;
  if (p.update) out.update = p.update;
  if (p.logLevel) out.logLevel = p.logLevel;
  if (p.backup) out.backup = p.backup;
  if (p.pkcs11KeyStore) out.pkcs11KeyStore = p.pkcs11KeyStore;
  return out;
}

/**
 * Effective config = defaults, then the user's own settings, then the machine policy on top. The
 * result is validated once more as a whole, so no combination can produce a config the services
 * would reject later.
 */
export function resolveConfig(defaults: CounterConfig, user: MachinePolicy | null, policy: MachinePolicy | null): ResolvedConfig {
  const merged = { ...defaults, ...(user ? toConfig(user) : {}), ...(policy ? toConfig(policy) : {}) };
  const locked = policy ? POLICY_KEYS.filter((k) => policy[k] !== undefined) : [];
  return { config: CounterConfig.parse(merged), locked };
}
