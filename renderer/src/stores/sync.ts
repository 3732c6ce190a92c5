import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/contract/syncApi';
import { call } from '../api/client';
import { toast } from './toasts';

/** How often the strip asks; the call is passive (no idle-lock refresh) and reads only counts. */
const POLL_MS = 1000;

type SyncState = {
  status: SyncStatus | null;
  /** Set when the status call itself fails (host gone); the strip says so instead of going stale. */
  unreachable: string | null;
  retrying: boolean;
  start(): void;
  stop(): void;
  refresh(): Promise<void>;
  retry(includeFailed: boolean): Promise<void>;
};

let timer: number | undefined;

/**
 * The sync engine's status, polled once a second while someone is signed in. `changeSeq` inside it
 * grows with every notification event, so open screens (case detail) refetch only when it moves.
 */
export const useSync = create<SyncState>()((set, get) => ({
  status: null,
  unreachable: null,
  retrying: false,

  start() {
    if (timer !== undefined) return;
    void get().refresh();
    timer = window.setInterval(() => void get().refresh(), POLL_MS);
  },

  stop() {
    window.clearInterval(timer);
    timer = undefined;
    set({ status: null, unreachable: null });
  },

  async refresh() {
    const r = await call('sync.status', {});
    if (timer === undefined) return;
    if (r.ok) set({ status: r.value, unreachable: null });
    else set({ unreachable: r.error.message });
  },

  async retry(includeFailed) {
    set({ retrying: true });
    const r = await call('sync.retryNow', { includeFailed });
    set({ retrying: false });
    if (!r.ok) toast.error(r.error.message);
    else toast.info(r.value.requeued > 0 ? `已將 ${r.value.requeued} 筆失敗項目重新排入佇列，立即重送` : '立即重試送出');
    await get().refresh();
  },
}));
