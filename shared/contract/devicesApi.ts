import { DeviceEvent, DeviceStatus, HidInventoryEntry } from '../devices/schema';
import { z } from '../zod';
import { call } from './define';

const Empty = z.strictObject({});

/**
 * Card PINs: 自然人憑證 and agency cards use 6–8 digits, other middleware up to 16 characters. The
 * PIN goes to the token and nowhere else (never logged, never stored).
 */
export const Pin = z.string().min(4, 'PIN 碼至少 4 碼').max(16, 'PIN 碼最多 16 碼');

/**
 * Devices (DESIGN.md §6) and card login. Events travel by polling `devices.events` with a cursor:
 * the browser host has no push channel, the Electron IPC uses the same call, and a 500 ms poll is
 * well within what a clerk notices after inserting a card.
 */
export const devicesApi = {
  'devices.status': call({
    input: Empty,
    output: DeviceStatus,
    // Public: the login and lock screens show whether the certificate card is in. No personal data.
    access: 'public',
    passive: true,
    summary: '讀卡機、條碼掃描器與憑證卡狀態',
  }),
  'devices.events': call({
    input: z.strictObject({ after: z.number().int().nonnegative().nullable() }),
    output: z.object({ cursor: z.number().int(), events: z.array(DeviceEvent) }),
    access: 'signed-in',
    passive: true,
    summary: '裝置事件（插卡、移除、條碼、錯誤），以游標輪詢',
  }),
  'devices.inventory': call({
    input: Empty,
    output: z.array(HidInventoryEntry),
    access: ['system_admin'],
    summary: '本機 HID 裝置清單（含未支援的裝置，供資訊人員設定）',
  }),
  'session.cardLogin': call({
    input: z.strictObject({ pin: Pin }),
    // The user comes from `session.current` afterwards (keeps this table free of an import cycle with api.ts).
    output: z.object({ token: z.string() }),
    access: 'public',
    summary: '以憑證卡及 PIN 碼登入',
  }),
  'session.cardUnlock': call({
    input: z.strictObject({ pin: Pin }),
    output: z.object({}),
    // Public because the session it unlocks is locked; the handler requires that locked session's token.
    access: 'public',
    summary: '插回憑證卡並輸入 PIN 碼以解除鎖定',
  }),
};
