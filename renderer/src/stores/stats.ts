import { create } from 'zustand';
import type { Agency, CatalogueItem } from '../../../shared/catalogue/schema';
import type { ExportFormat, StatsDashboard, StatsFilter } from '../../../shared/stats/dashboard';
import { call } from '../api/client';
import { defaultPeriod } from '../screens/stats/format';

/** A finished export: the file as a blob: URL, kept so the supervisor can save it again. */
export type StatsExport = { format: ExportFormat; fileName: string; url: string; bytes: number };

type StatsState = {
  /** The filter the dashboard on screen was computed for (the form edits a copy). */
  filter: StatsFilter;
  data: StatsDashboard | null;
  loading: boolean;
  /** The API's typed zh-TW message; never a stack trace. */
  error: string | null;
  catalogue: { agencies: Agency[]; items: CatalogueItem[]; lifeEvents: { code: string; name: string }[] } | null;
  /**
   * Clerks and offices seen in any answer so far, for the 承辦人／戶所 filters: there is no list call
   * for them in the stats contract, and options must not vanish when the filter narrows the answer.
   */
  known: { clerks: { id: number; name: string }[]; offices: string[] };
  exporting: ExportFormat | null;
  exportError: string | null;
  lastExport: StatsExport | null;
  /** Loads the catalogue (once) and the dashboard for the current filter. */
  open(): Promise<void>;
  apply(filter: StatsFilter): Promise<void>;
  exportAs(format: ExportFormat): Promise<StatsExport | null>;
};

const initialFilter = (): StatsFilter => ({ ...defaultPeriod(), granularity: 'day' });

/** Only the newest dashboard request may write: a slow answer for an old filter must not replace a newer one. */
let seq = 0;

const toBlobUrl = (base64: string, mime: string): { url: string; bytes: number } => {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return { url: URL.createObjectURL(new Blob([bytes], { type: mime })), bytes: bytes.length };
};

const remember = (known: StatsState['known'], d: StatsDashboard): StatsState['known'] => {
  const clerks = new Map(known.clerks.map((c) => [c.id, c.name]));
  for (const c of d.byClerk) clerks.set(c.clerkId, c.clerk);
  const offices = new Set([...known.offices, ...d.byOffice.map((o) => o.office)]);
  return {
    clerks: [...clerks].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-TW')),
    offices: [...offices].sort(),
  };
};

export const useStats = create<StatsState>()((set, get) => ({
  filter: initialFilter(),
  data: null,
  loading: false,
  error: null,
  catalogue: null,
  known: { clerks: [], offices: [] },
  exporting: null,
  exportError: null,
  lastExport: null,

  async open() {
    if (!get().catalogue) {
      const c = await call('catalogue.get', {});
      if (c.ok) set({ catalogue: { agencies: c.value.agencies, items: c.value.items, lifeEvents: c.value.lifeEvents.map((e) => ({ code: e.code, name: e.name })) } });
    }
    await get().apply(get().filter);
  },

  async apply(filter) {
    const mine = ++seq;
    set({ filter, loading: true, error: null });
    const r = await call('stats.dashboard', filter);
    if (mine !== seq) return;
    if (r.ok) set({ data: r.value, loading: false, known: remember(get().known, r.value) });
    else set({ data: null, loading: false, error: r.error.message });
  },

  async exportAs(format) {
    set({ exporting: format, exportError: null });
    const r = await call('stats.export', { filter: get().filter, format });
    if (!r.ok) {
      set({ exporting: null, exportError: r.error.message });
      return null;
    }
    const previous = get().lastExport;
    if (previous) URL.revokeObjectURL(previous.url);
    const { url, bytes } = toBlobUrl(r.value.base64, r.value.mime);
    const done: StatsExport = { format, fileName: r.value.fileName, url, bytes };
    set({ exporting: null, lastExport: done });
    return done;
  },
}));
