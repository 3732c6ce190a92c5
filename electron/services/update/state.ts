import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from '../../../shared/zod';
import type { UpdateFailure } from './failures';

/** The updater's memory between runs (userData/update-state.json): versions refused and the last error. */
export const UpdateState = z.object({
  blocked: z.array(z.string()).default([]),
  lastError: z.object({ kind: z.string(), version: z.string().nullable(), message: z.string(), at: z.string() }).nullable().default(null),
  nextCheckAfter: z.string().nullable().default(null),
});
export type UpdateState = z.infer<typeof UpdateState>;

export const emptyUpdateState = (): UpdateState => ({ blocked: [], lastError: null, nextCheckAfter: null });

export function readUpdateState(file: string): UpdateState {
  try {
    return UpdateState.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return emptyUpdateState();
  }
}

export function writeUpdateState(file: string, state: UpdateState): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${file}.tmp`, file);
}

export function recordFailure(state: UpdateState, failure: UpdateFailure, version: string | null, now: Date): UpdateState {
  const blocked = failure.blockVersion && version && !state.blocked.includes(version) ? [...state.blocked, version] : state.blocked;
  return {
    blocked,
    lastError: { kind: failure.kind, version, message: failure.message, at: now.toISOString() },
    nextCheckAfter: new Date(now.getTime() + failure.retryAfterMs).toISOString(),
  };
}
