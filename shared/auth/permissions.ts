import { api, type ApiMethod } from '../contract/api';
import type { Access } from '../contract/define';
import { ROLES, type Role } from './roles';

/**
 * The permission matrix as data: for every contract call, who may make it. Derived from each call's
 * `access` so the table the dispatcher enforces and the table people read can never drift apart;
 * the renderer asks the same function to decide which buttons to offer (the services still decide).
 */
export const accessOf = (method: ApiMethod): Access => api[method].access;

export function mayCall(role: Role | null, method: ApiMethod): boolean {
  const access = accessOf(method);
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'signed-in' || access.includes(role);
}

/** method → roles allowed ('public' calls need no session at all), for documentation and tests. */
export function permissionMatrix(): Record<ApiMethod, 'public' | readonly Role[]> {
  const out = {} as Record<ApiMethod, 'public' | readonly Role[]>;
  for (const method of Object.keys(api) as ApiMethod[]) {
    out[method] = accessOf(method) === 'public' ? 'public' : ROLES.filter((r) => mayCall(r, method));
  }
  return out;
}
