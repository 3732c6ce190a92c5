import { describe, expect, it } from 'vitest';
import { loadNodeHid } from './loadNodeHid';

// The real native module, not the simulator: it must load and enumerate without crashing on a
// machine with no HID devices at all (CI has none, and no uhid).
describe('node-hid (real module)', () => {
  it('loads and enumerates devices without throwing', () => {
    const loaded = loadNodeHid();
    if (!loaded.ok) throw new Error(loaded.message);
    const list = loaded.api.devices();
    expect(Array.isArray(list)).toBe(true);
    for (const d of list) expect(typeof d.vendorId).toBe('number');
  });
});
