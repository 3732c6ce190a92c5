import { create } from 'zustand';
import type { ApiOutput } from '../../../shared/contract/api';
import { call } from '../api/client';

type CaseList = ApiOutput<'cases.today'>;

type SearchState = {
  query: string;
  /** null: no search yet (home shows today's cases). */
  results: CaseList | null;
  searchedFor: string;
  busy: boolean;
  error: string | null;
  today: CaseList | null;
  setQuery(q: string): void;
  search(): Promise<void>;
  clear(): void;
  loadToday(): Promise<void>;
};

/** Home's one search box and today's list; kept while the clerk opens a case and comes back. */
export const useSearch = create<SearchState>()((set, get) => ({
  query: '',
  results: null,
  searchedFor: '',
  busy: false,
  error: null,
  today: null,
  setQuery: (query) => set({ query }),
  async search() {
    const q = get().query.trim();
    if (!q) {
      get().clear();
      return;
    }
    set({ busy: true, error: null });
    const r = await call('cases.search', { query: q });
    if (r.ok) set({ results: r.value, searchedFor: q, busy: false });
    else set({ error: r.error.message, busy: false });
  },
  clear: () => set({ query: '', results: null, searchedFor: '', error: null }),
  async loadToday() {
    const r = await call('cases.today', {});
    if (r.ok) set({ today: r.value });
    else set({ error: r.error.message });
  },
}));
