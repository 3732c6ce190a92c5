import type { DeviceKind } from '../../../../shared/devices/schema';
import { z } from '../../../../shared/zod';

/**
 * Vendor profiles are data (resources/devices/profiles.json) so IT can add a reader or scanner
 * model by configuration: which device (vendor/product id, usage page), which driver, and the
 * driver's parameters (report offsets, wedge terminator, encoding). Validated at start like the
 * catalogue; a bad file names the field.
 */
const Id16 = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,4}$/, '請寫成 0x 開頭的十六進位數字，例如 0x0c2e')
    .transform((s) => Number.parseInt(s, 16)),
]);

const Match = z
  .strictObject({
    vendorId: Id16.optional(),
    productId: Id16.optional(),
    usagePage: Id16.optional(),
    usage: Id16.optional(),
    interface: z.number().int().min(0).optional(),
  })
  .refine((m) => m.vendorId !== undefined || m.usagePage !== undefined, '至少需指定 vendorId 或 usagePage')
  .refine((m) => m.productId === undefined || m.vendorId !== undefined, '指定 productId 時必須同時指定 vendorId');

/** HID-POS barcode scanner (usage page 0x8C). Defaults are the common layout of a 64-byte scanned-data report. */
const HidPosDriver = z.strictObject({
  kind: z.literal('hid-pos'),
  reportId: z.number().int().min(0).max(255).default(2),
  lengthOffset: z.number().int().min(0).default(1),
  symbologyOffset: z.number().int().min(0).default(2),
  symbologyLength: z.number().int().min(0).max(8).default(3),
  dataOffset: z.number().int().min(1).default(5),
  continuationOffset: z.number().int().min(0).default(63),
  continuationMask: z.number().int().min(1).max(255).default(1),
  encoding: z.enum(['utf-8', 'big5']).default('utf-8'),
});

/** A device that types like a USB boot keyboard: barcode scanners in wedge mode, MRZ document readers. */
const WedgeDriver = z.strictObject({
  kind: z.literal('keyboard-wedge'),
  purpose: z.enum(['barcode', 'mrz']),
  /** Report id in front of the 8-byte boot report, or null when the device sends none. */
  reportId: z.number().int().min(0).max(255).nullable().default(null),
  layout: z.literal('us').default('us'),
  terminator: z.enum(['enter', 'tab']).default('enter'),
  /** The OS also receives the keystrokes (true for every wedge device we know): the UI must not insert text twice. */
  osTypesText: z.boolean().default(true),
});

/** Card readers speaking the NIN1-CARD framing (drivers/cardFrame/protocol.ts). */
const CardFrameDriver = z.strictObject({
  kind: z.literal('card-frame'),
  reportId: z.number().int().min(0).max(255).default(3),
});

export const DriverConfig = z.discriminatedUnion('kind', [HidPosDriver, WedgeDriver, CardFrameDriver]);
export type DriverConfig = z.infer<typeof DriverConfig>;
export type HidPosConfig = z.infer<typeof HidPosDriver>;
export type WedgeConfig = z.infer<typeof WedgeDriver>;
export type CardFrameConfig = z.infer<typeof CardFrameDriver>;

export const DeviceProfile = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, '代號請用小寫英數字與連字號'),
  /** Display name for the clerk and IT (zh-TW). */
  name: z.string().min(1).max(80),
  match: Match,
  driver: DriverConfig,
  /** Where the figures come from, what to check before rollout. */
  note: z.string().optional(),
});
export type DeviceProfile = z.infer<typeof DeviceProfile>;

export const DeviceProfilesFile = z
  .strictObject({ version: z.string().min(1), profiles: z.array(DeviceProfile) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.profiles.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['profiles', i, 'id'], message: `代號「${p.id}」重複` });
      seen.add(p.id);
    });
  });
export type DeviceProfilesFile = z.infer<typeof DeviceProfilesFile>;

/** What the UI calls a device using this profile. */
export const kindOfDriver = (driver: DriverConfig): Exclude<DeviceKind, 'certificate'> => {
  switch (driver.kind) {
    case 'hid-pos':
      return 'barcode-scanner';
    case 'keyboard-wedge':
      return driver.purpose === 'mrz' ? 'mrz-reader' : 'barcode-scanner';
    case 'card-frame':
      return 'card-reader';
  }
};
