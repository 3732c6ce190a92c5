import type { ColorMode, ScanSource } from '../../../../shared/scanning/profiles';
import type { Capabilities } from '../backend';

/** One option line of `scanimage -A`, e.g. `--source Flatbed|ADF Duplex [Flatbed]`. */
export type SaneOption = { name: string; values: string; current: string };

const OPTION_LINE = /^\s+(--?[A-Za-z][\w-]*)(?:\[=\(([^)]*)\)\])?\s+(.*?)\s*\[([^\]]*)\]\s*$/;

/** Parses the options block of `scanimage -d DEV -A` (inactive options are left out). */
export function parseSaneOptions(text: string): Map<string, SaneOption> {
  const out = new Map<string, SaneOption>();
  for (const line of text.split('\n')) {
    const m = OPTION_LINE.exec(line);
    if (!m) continue;
    const [, name, boolValues, values, current] = m;
    if (current === 'inactive') continue;
    out.set(name!, { name: name!, values: boolValues ?? values ?? '', current: current ?? '' });
  }
  return out;
}

const listOf = (values: string): string[] => values.replace(/(dpi|mm)$/, '').split('|').map((v) => v.trim()).filter(Boolean);

/** The native source names behind our two sources (and the one that scans both sides). */
export type SaneSources = { flatbed?: string; adf?: string; adfDuplex?: string };

export function saneSources(opts: Map<string, SaneOption>): SaneSources {
  const src = opts.get('--source');
  if (!src) return { flatbed: '' }; // no choice offered: a plain flatbed
  const out: SaneSources = {};
  for (const v of listOf(src.values)) {
    if (/duplex/i.test(v)) out.adfDuplex ??= v;
    else if (/adf|feeder|document/i.test(v)) out.adf ??= v;
    else if (/flatbed|platen|normal/i.test(v)) out.flatbed ??= v;
  }
  return out;
}

/** Our colour modes → the device's words (Gray, Grayscale, Color, Lineart…). */
export function saneModes(opts: Map<string, SaneOption>): Partial<Record<ColorMode, string>> {
  const mode = opts.get('--mode');
  if (!mode) return { gray: '' };
  const out: Partial<Record<ColorMode, string>> = {};
  for (const v of listOf(mode.values)) {
    if (/gr[ae]y/i.test(v)) out.gray ??= v;
    else if (/colou?r/i.test(v)) out.color ??= v;
    else if (/lineart|binary|black/i.test(v)) out.bw ??= v;
  }
  return out;
}

const STANDARD_DPI = [100, 150, 200, 300, 400, 600];

/** Offered resolutions: a list as given, or the usual steps inside a range like `75..1200dpi`. */
export function saneResolutions(opts: Map<string, SaneOption>): number[] {
  const r = opts.get('--resolution');
  if (!r) return [];
  const range = /^(\d+)\.\.(\d+)/.exec(r.values);
  if (range) return STANDARD_DPI.filter((d) => d >= Number(range[1]) && d <= Number(range[2]));
  return listOf(r.values).map(Number).filter((n) => Number.isFinite(n) && n > 0).sort((a, b) => a - b);
}

/** Largest scan area (mm), from `-x 0..215.9mm`/`-y 0..297mm`, or null when not offered. */
export function saneMaxArea(opts: Map<string, SaneOption>): { x: number; y: number } | null {
  const max = (name: string) => {
    const m = /\.\.([\d.]+)mm/.exec(opts.get(name)?.values ?? '');
    return m ? Number(m[1]) : null;
  };
  const x = max('-x');
  const y = max('-y');
  return x !== null && y !== null ? { x, y } : null;
}

export function saneCapabilities(opts: Map<string, SaneOption>): Capabilities {
  const s = saneSources(opts);
  const sources: ScanSource[] = [];
  if (s.flatbed !== undefined) sources.push('flatbed');
  if (s.adf !== undefined || s.adfDuplex !== undefined) sources.push('adf');
  const modes = saneModes(opts);
  return {
    sources,
    resolutions: saneResolutions(opts),
    colorModes: (['gray', 'color', 'bw'] as const).filter((m) => modes[m] !== undefined),
    duplex: s.adfDuplex !== undefined || opts.has('--duplex') || /duplex/i.test(opts.get('--adf-mode')?.values ?? ''),
  };
}
