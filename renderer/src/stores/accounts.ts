import { create } from 'zustand';
import type { AccountView, GroupView } from '../../../shared/accounts/schema';
import { call } from '../api/client';

/**
 * The admin screen's data: accounts (within the caller's administration scope), offices, groups.
 * Every write goes through a contract call that the services check and audit; the store only reloads.
 */
type AccountsState = {
  accounts: AccountView[];
  offices: { code: string; name: string }[];
  groups: GroupView[];
  error: string | null;
  loading: boolean;
  load(withGroups: boolean): Promise<void>;
};

export const useAccounts = create<AccountsState>()((set) => ({
  accounts: [],
  offices: [],
  groups: [],
  error: null,
  loading: false,
  async load(withGroups) {
    set({ loading: true });
    const [list, groups] = await Promise.all([call('accounts.list', {}), withGroups ? call('groups.list', {}) : Promise.resolve(null)]);
    if (!list.ok) {
      set({ loading: false, error: list.error.message });
      return;
    }
    set({
      loading: false,
      error: groups && !groups.ok ? groups.error.message : null,
      accounts: list.value.accounts,
      offices: list.value.offices,
      groups: groups && groups.ok ? groups.value : [],
    });
  },
}));

/** zod issues → { field path: first zh-TW message }, for errors shown right under each field. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.');
    if (!(key in out)) out[key] = i.message;
  }
  return out;
}
