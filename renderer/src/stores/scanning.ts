import { create } from 'zustand';
import type { ScanDevice, ScanPageView, ScanSessionView } from '../../../shared/contract/scanningApi';
import type { ScanProfile } from '../../../shared/scanning/profiles';
import { call } from '../api/client';
import { selectedDevice } from '../screens/scanning/selectedDevice';
import { toast } from './toasts';

/** How often a running scan is asked for progress (passive: does not keep the session awake). */
const POLL_MS = 600;

export type ScanTarget = { caseNo: string; formPage?: number };

type ScanningState = {
  devices: ScanDevice[] | null;
  profiles: ScanProfile[];
  deviceId: string;
  profileId: string;
  /** Sheets the clerk says are in the feeder (for the progress bar), '' when not given. */
  expected: string;
  session: ScanSessionView | null;
  tray: ScanPageView[];
  /** Thumbnails fetched so far, by page id (data: URLs; a page never changes once stored). */
  thumbs: Record<number, string>;
  busy: boolean;
  error: string | null;
  load(refresh?: boolean): Promise<void>;
  choose(part: { deviceId?: string; profileId?: string; expected?: string }): void;
  start(target?: ScanTarget): Promise<void>;
  stop(): Promise<void>;
  loadTray(): Promise<void>;
  attach(pageIds: number[], caseNo: string, firstFormPage?: number): Promise<boolean>;
  dismiss(pageId: number, reason: string): Promise<boolean>;
  leave(): void;
};

let timer: number | undefined;
const wanted = new Set<number>();

const running = (s: ScanSessionView | null) => s !== null && (s.state === 'scanning' || s.state === 'finishing');

/**
 * The scanning screen's state: sources and profiles, the running (or last) scan polled while it
 * runs, the unmatched tray, and thumbnails fetched once per page.
 */
export const useScanning = create<ScanningState>()((set, get) => {
  const fetchThumbs = (pages: ScanPageView[]) => {
    for (const p of pages) {
      if (get().thumbs[p.id] || wanted.has(p.id)) continue;
      wanted.add(p.id);
      void call('scanning.thumbnail', { pageId: p.id }).then((r) => {
        wanted.delete(p.id);
        if (r.ok) set({ thumbs: { ...get().thumbs, [p.id]: r.value.dataUrl } });
      });
    }
  };

  const poll = async () => {
    const s = get().session;
    if (!s) return;
    const r = await call('scanning.session', { sessionId: s.id });
    if (!r.ok) {
      set({ error: r.error.message });
      return;
    }
    const before = get().session;
    set({ session: r.value });
    fetchThumbs(r.value.pages);
    const unmatchedChanged = r.value.pages.filter((p) => p.state === 'unmatched').length !== before?.pages.filter((p) => p.state === 'unmatched').length;
    if (unmatchedChanged) void get().loadTray();
    if (!running(r.value)) {
      window.clearInterval(timer);
      timer = undefined;
      void get().loadTray();
      if (before && running(before)) {
        if (r.value.error) toast.error(r.value.error.message);
        else toast.success(`掃描完成：${r.value.done} 頁，${r.value.pages.filter((p) => p.state === 'attached').length} 頁已歸案`);
      }
    }
  };
  const watch = () => {
    window.clearInterval(timer);
    timer = window.setInterval(() => void poll(), POLL_MS);
  };

  return {
    devices: null,
    profiles: [],
    deviceId: '',
    profileId: '',
    expected: '',
    session: null,
    tray: [],
    thumbs: {},
    busy: false,
    error: null,

    async load(refresh = false) {
      set({ busy: true, error: null });
      const [d, current] = await Promise.all([call('scanning.devices', { refresh }), call('scanning.current', {})]);
      set({ busy: false });
      if (!d.ok) {
        set({ error: d.error.message, devices: [] });
        return;
      }
      const { deviceId, profileId } = get();
      set({
        devices: d.value.devices,
        profiles: d.value.profiles,
        deviceId: d.value.devices.some((x) => x.id === deviceId) ? deviceId : (d.value.devices[0]?.id ?? ''),
        profileId: d.value.profiles.some((x) => x.id === profileId) ? profileId : (d.value.profiles[0]?.id ?? ''),
      });
      if (current.ok && current.value) {
        set({ session: current.value });
        fetchThumbs(current.value.pages);
        if (running(current.value)) watch();
      }
      await get().loadTray();
    },

    choose(part) {
      set(part);
    },

    async start(target) {
      if (get().devices === null) await get().load(); // F9 right after the screen opened: wait for the list
      const { profileId, expected } = get();
      const deviceId = selectedDevice(get())?.id;
      if (!deviceId) {
        toast.error('請先選擇掃描來源');
        return;
      }
      const sheets = Number(expected);
      // A re-scan of one page uses the glass when this source has one (a hot folder has not).
      const glass = get().devices?.find((d) => d.id === deviceId)?.capabilities.sources.includes('flatbed') ?? false;
      const profile = target && glass ? (get().profiles.find((p) => p.source === 'flatbed')?.id ?? profileId) : profileId;
      set({ busy: true, error: null });
      const r = await call('scanning.start', {
        deviceId,
        profileId: profile,
        ...(Number.isInteger(sheets) && sheets > 0 ? { expectedPages: sheets } : {}),
        ...(target ? { target } : {}),
      });
      set({ busy: false });
      if (!r.ok) {
        set({ error: r.error.message });
        toast.error(r.error.message);
        return;
      }
      set({ session: r.value });
      watch();
    },

    async stop() {
      const s = get().session;
      if (!s || !running(s)) return;
      const r = await call('scanning.cancel', { sessionId: s.id });
      if (r.ok) set({ session: r.value });
      else toast.error(r.error.message);
      await poll();
    },

    async loadTray() {
      const r = await call('scanning.tray', {});
      if (r.ok) {
        set({ tray: r.value.pages });
        fetchThumbs(r.value.pages);
      }
    },

    async attach(pageIds, caseNo, firstFormPage) {
      const r = await call('scanning.attachPages', { pageIds, caseNo, ...(firstFormPage ? { firstFormPage } : {}) });
      if (!r.ok) {
        toast.error(r.error.message);
        return false;
      }
      toast.success(`已將 ${pageIds.length} 頁歸入案件 ${r.value.caseNo}`);
      await get().loadTray();
      if (get().session) await poll();
      return true;
    },

    async dismiss(pageId, reason) {
      const r = await call('scanning.dismissPage', { pageId, reason });
      if (!r.ok) {
        toast.error(r.error.message);
        return false;
      }
      await get().loadTray();
      return true;
    },

    leave() {
      window.clearInterval(timer);
      timer = undefined;
    },
  };
});
