import { z } from '../zod';

/** Where the paper goes in: the glass (one page) or the automatic document feeder (a stack). */
export const ScanSource = z.enum(['flatbed', 'adf']);
export type ScanSource = z.infer<typeof ScanSource>;

export const ColorMode = z.enum(['gray', 'color', 'bw']);
export type ColorMode = z.infer<typeof ColorMode>;

/**
 * How a cleaned page is stored and embedded in the attachment PDF: `png` is gray with few levels,
 * Flate-compressed; `jpeg` keeps colour for photos and ID-card copies. Measured on our A4 form at
 * 200 dpi: JPEG q60 gray ≈ 400 KB a page, 16 gray levels ≈ 160–200 KB, 4 levels ≈ 95–105 KB,
 * 1 bit ≈ 55 KB (but thin signature strokes break up). 4 levels keep text crisp and a signature's
 * anti-aliased edges, and put a 20-page stack near 2 MB.
 */
export const PageEncoding = z.enum(['png', 'jpeg']);
export type PageEncoding = z.infer<typeof PageEncoding>;

/**
 * A scanning profile: what the clerk picks instead of a dozen scanner settings (NAPS2's profiles
 * as data). Kept in resources/scanning/profiles.json so an office can add one without code.
 */
export const ScanProfile = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  name: z.string().min(1).max(40),
  description: z.string().max(200),
  source: ScanSource,
  resolution: z.number().int().min(75).max(1200),
  colorMode: ColorMode,
  duplex: z.boolean(),
  output: z.strictObject({
    encoding: PageEncoding,
    /** Bits per gray pixel for `png` (2 = four levels). */
    grayBits: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]),
    /** Pages are reduced to at most this density: 200 dpi keeps 8-point CJK text legible. */
    maxDpi: z.number().int().min(100).max(600),
    jpegQuality: z.number().int().min(30).max(95),
  }),
});
export type ScanProfile = z.infer<typeof ScanProfile>;

export const ScanProfiles = z.strictObject({ profiles: z.array(ScanProfile).min(1) });
