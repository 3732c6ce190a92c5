/**
 * Levels for scanned paper: near-white (≥ 227) becomes white and ink darkens (×1.3 − 40). Scanner
 * noise and grey paper vanish, so the stored page is crisper and several times smaller once
 * compressed, and the QR reader sees clean modules. One definition for both uses.
 */
export const paperLevels = (v: number): number => 1.3 * v - 40;

/** `paperLevels` as a lookup table over 0..255 (clamped), for per-pixel passes. */
export const PAPER_LEVELS_LUT: Uint8Array = Uint8Array.from({ length: 256 }, (_, v) => Math.max(0, Math.min(255, Math.round(paperLevels(v)))));
