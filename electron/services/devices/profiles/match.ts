import type { HidDeviceInfo } from '../hid/hidApi';
import type { DeviceProfile } from './schema';

/**
 * The profile for a device: every field a profile names must match, and the most specific profile
 * wins (vendor+product beats a usage-page-only generic profile), ties going to the earlier entry, so
 * IT can override a generic profile for one model by adding a specific one.
 */
export function matchProfile(device: HidDeviceInfo, profiles: readonly DeviceProfile[]): DeviceProfile | undefined {
  let best: DeviceProfile | undefined;
  let bestScore = -1;
  for (const p of profiles) {
    const m = p.match;
    if (m.vendorId !== undefined && m.vendorId !== device.vendorId) continue;
    if (m.productId !== undefined && m.productId !== device.productId) continue;
    if (m.usagePage !== undefined && m.usagePage !== device.usagePage) continue;
    if (m.usage !== undefined && m.usage !== device.usage) continue;
    if (m.interface !== undefined && m.interface !== device.interface) continue;
    const score = (m.vendorId !== undefined ? 8 : 0) + (m.productId !== undefined ? 8 : 0) + (m.usagePage !== undefined ? 2 : 0) + (m.usage !== undefined ? 1 : 0) + (m.interface !== undefined ? 1 : 0);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}
