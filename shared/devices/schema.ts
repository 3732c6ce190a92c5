import { z } from '../zod';

/**
 * What the device layer tells the renderer (DESIGN.md §6): typed events read through the contract
 * with a cursor, and a status snapshot for the status strip. Shared so the services produce and the
 * renderer consumes the very same shapes.
 */
export const DEVICE_KINDS = ['card-reader', 'mrz-reader', 'barcode-scanner', 'certificate'] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const DEVICE_KIND_LABEL: Record<DeviceKind, string> = {
  'card-reader': '讀卡機',
  'mrz-reader': '證件機讀區讀取器',
  'barcode-scanner': '條碼掃描器',
  certificate: '憑證卡',
};

/** A device as the UI sees it: a stable opaque id (not the OS path), its kind, a display name. */
export const DeviceRef = z.object({
  id: z.string(),
  kind: DeviceKind,
  name: z.string(),
  profileId: z.string().nullable(),
});
export type DeviceRef = z.infer<typeof DeviceRef>;

/** A person read from a citizen's card (reader frame) or a document's machine-readable zone. */
export const CardPerson = z.object({
  source: z.enum(['card', 'mrz']),
  /** 身分證統一編號 / 統一證號, checksum-validated; null when the document does not carry one (foreign passport). */
  id: z.string().nullable(),
  name: z.string(),
  /** ISO date. */
  birthDate: z.string(),
  cardSerial: z.string().nullable(),
  /** MRZ documents only. */
  document: z
    .object({
      format: z.enum(['TD1', 'TD2', 'TD3']),
      documentNumber: z.string(),
      nationality: z.string(),
      expiryDate: z.string(),
      sex: z.enum(['male', 'female', 'unspecified']),
    })
    .nullable(),
});
export type CardPerson = z.infer<typeof CardPerson>;

const base = { seq: z.number().int(), at: z.string() };

export const DeviceEvent = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('reader-connected'), device: DeviceRef }),
  z.object({ ...base, type: z.literal('reader-disconnected'), device: DeviceRef }),
  z.object({ ...base, type: z.literal('card-inserted'), device: DeviceRef, person: CardPerson }),
  z.object({ ...base, type: z.literal('card-removed'), device: DeviceRef }),
  z.object({
    ...base,
    type: z.literal('barcode'),
    device: DeviceRef,
    text: z.string(),
    /** AIM symbology identifier when the scanner reports one (`]Q1` = QR). */
    symbology: z.string().nullable(),
    /** Keyboard-wedge scanners also type the text through the OS keyboard: the UI must not insert it twice. */
    typedByOs: z.boolean(),
  }),
  z.object({ ...base, type: z.literal('device-error'), device: DeviceRef.nullable(), code: z.string(), message: z.string() }),
]);
export type DeviceEvent = z.infer<typeof DeviceEvent>;
export type DeviceEventType = DeviceEvent['type'];

export const DeviceStatus = z.object({
  devices: z.array(DeviceRef),
  certificate: z.object({
    /** A PKCS#11 module is configured on this workstation. */
    configured: z.boolean(),
    /** A token (card) is present in a slot. */
    present: z.boolean(),
    label: z.string().nullable(),
  }),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
  /** HID devices that match no profile (listed for IT in devices.inventory, otherwise ignored). */
  unknownCount: z.number().int(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const HidInventoryEntry = z.object({
  vendorId: z.string(),
  productId: z.string(),
  usagePage: z.string().nullable(),
  usage: z.string().nullable(),
  product: z.string().nullable(),
  manufacturer: z.string().nullable(),
  interface: z.number().int(),
  profileId: z.string().nullable(),
  state: z.enum(['open', 'unknown', 'error']),
});
export type HidInventoryEntry = z.infer<typeof HidInventoryEntry>;
