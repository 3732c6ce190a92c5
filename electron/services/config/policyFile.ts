import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MachinePolicy, type PolicyIssue } from '../../../shared/policy/schema';
import { formatIssuePath } from '../../../shared/zod';

/**
 * Where IT puts the machine policy: a folder only administrators can write. `NIN1_POLICY_FILE`
 * overrides it (tests, a second install on a build machine).
 */
export function policyFilePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.NIN1_POLICY_FILE) return env.NIN1_POLICY_FILE;
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'N-in-1', 'policy.json');
  return '/etc/n-in-1/policy.json';
}

export type PolicyRead =
  | { kind: 'absent'; file: string }
  | { kind: 'ok'; file: string; policy: MachinePolicy }
  | { kind: 'invalid'; file: string; issues: PolicyIssue[] };

/**
 * Reads and validates the policy file. Every problem is reported (not just the first), each with the
 * exact field, so IT can fix the file in one go. A half-valid file is `invalid` as a whole: the app
 * must never run with some of IT's settings applied and others silently dropped.
 */
export function readPolicyFile(file: string): PolicyRead {
  if (!existsSync(file)) return { kind: 'absent', file };
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, ''); // Notepad on Windows writes a BOM
  } catch (e) {
    return { kind: 'invalid', file, issues: [{ path: '', message: `無法讀取檔案：${(e as Error).message}` }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { kind: 'invalid', file, issues: [{ path: '', message: `不是有效的 JSON：${(e as Error).message}` }] };
  }
  return parsePolicy(raw, file);
}

export function parsePolicy(raw: unknown, file: string): PolicyRead {
  const parsed = MachinePolicy.safeParse(raw);
  if (parsed.success) return { kind: 'ok', file, policy: parsed.data };
  return { kind: 'invalid', file, issues: parsed.error.issues.map((i) => ({ path: issuePath(i), message: i.message })) };
}

/** An unknown key is reported at the key itself (`platfrom`), not at its parent object. */
function issuePath(issue: { path: PropertyKey[]; code: string; keys?: string[] }): string {
  const base = formatIssuePath(issue.path);
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) return issue.keys.map((k) => (base ? `${base}.${k}` : k)).join(', ');
  return base;
}
