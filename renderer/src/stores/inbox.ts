import { create } from 'zustand';
import type { NotificationStatus } from '../../../shared/cases/schema';
import type { ApiOutput } from '../../../shared/contract/api';
import { call } from '../api/client';

export type InboxFilters = { status: NotificationStatus | ''; item: string; today: boolean; overdue?: boolean };
type Page = ApiOutput<'inbox.list'>;

type InboxState = {
  filters: InboxFilters;
  page: Page | null;
  error: string | null;
  setFilters(f: InboxFilters): void;
  /** `explicit`: the clerk asked (audited list); otherwise the screen's passive background refresh. */
  load(explicit: boolean): Promise<void>;
};

/** Asia/Taipei calendar day, the day the platform files deliveries under. */
const todayTaipei = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The agency inbox list and its filters (default: everything delivered today). */
export const useInbox = create<InboxState>()((set, get) => ({
  filters: { status: '', item: '', today: true },
  page: null,
  error: null,

  setFilters(filters) {
    set({ filters });
    void get().load(true);
  },

  async load(explicit) {
    const { status, item, today } = get().filters;
    const input = {
      ...(status ? { status } : {}),
      ...(item ? { item } : {}),
      ...(today ? { from: todayTaipei(), to: todayTaipei() } : {}),
      ...(get().filters.overdue ? { overdue: true } : {}),
      limit: 200,
    };
    const r = await call(explicit ? 'inbox.list' : 'inbox.refresh', input);
    if (r.ok) set({ page: r.value, error: null });
    else set({ error: r.error.message });
  },
}));
