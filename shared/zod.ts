import { z } from 'zod';
import zhTW from 'zod/v4/locales/zh-TW.js';

// One schema library for every boundary, configured once so every validation message a clerk or
// IT person sees is Traditional Chinese. Import `z` from here, never from 'zod' directly.
// In the renderer the CSP forbids eval: without `jitless`, zod probes `new Function` once and the
// browser logs a CSP refusal on every start. Node keeps the faster compiled object parsers.
z.config({ ...zhTW(), jitless: typeof document !== 'undefined' });

export { z };

/** `['items', 3, 'receiver']` → `items[3].receiver`, the form IT staff read in error reports. */
export const formatIssuePath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
