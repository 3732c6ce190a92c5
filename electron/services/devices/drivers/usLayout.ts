/**
 * USB HID keyboard usages (HID Usage Tables, page 0x07) to characters on a US layout, unshifted and
 * shifted. Scanners and document readers in keyboard mode type as a US keyboard whatever the PC's
 * layout, and the MRZ filler `<` is Shift+comma, so shift handling is not optional.
 */
const rows: [number, string, string][] = [];
const letters = 'abcdefghijklmnopqrstuvwxyz';
for (let i = 0; i < 26; i++) rows.push([0x04 + i, letters[i]!, letters[i]!.toUpperCase()]);
const digits = '1234567890';
const shiftedDigits = '!@#$%^&*()';
for (let i = 0; i < 10; i++) rows.push([0x1e + i, digits[i]!, shiftedDigits[i]!]);
rows.push(
  [0x2c, ' ', ' '],
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
  // Keypad: the same character with or without Shift (Num Lock assumed on, as scanners send it).
  [0x54, '/', '/'],
  [0x55, '*', '*'],
  [0x56, '-', '-'],
  [0x57, '+', '+'],
  [0x63, '.', '.'],
);
const keypadDigits = '1234567890';
for (let i = 0; i < 10; i++) rows.push([0x59 + i, keypadDigits[i]!, keypadDigits[i]!]);

const UNSHIFTED = new Map<number, string>(rows.map(([u, c]) => [u, c]));
const SHIFTED = new Map<number, string>(rows.map(([u, , c]) => [u, c]));

export const USAGE_ENTER = 0x28;
export const USAGE_KEYPAD_ENTER = 0x58;
export const USAGE_TAB = 0x2b;
export const USAGE_BACKSPACE = 0x2a;
/** "ErrorRollOver": the keyboard reports too many keys at once; the report carries no keys. */
export const USAGE_ROLLOVER = 0x01;

export const usCharFor = (usage: number, shift: boolean): string | undefined => (shift ? SHIFTED : UNSHIFTED).get(usage);

/** Reverse map for the simulator: which key (and Shift) types `ch` on a US layout. Main block preferred over the keypad. */
const KEY_FOR = new Map<string, { usage: number; shift: boolean }>();
for (const [usage, plain, shifted] of rows) {
  if (!KEY_FOR.has(plain)) KEY_FOR.set(plain, { usage, shift: false });
  if (!KEY_FOR.has(shifted)) KEY_FOR.set(shifted, { usage, shift: true });
}
export const usKeyFor = (ch: string): { usage: number; shift: boolean } | undefined => KEY_FOR.get(ch);
