import type { DeviceProfile as PolicyDeviceEntry } from '../../../../shared/policy/schema';
import { DEVICE_KIND_LABEL } from '../../../../shared/devices/schema';
import { DeviceProfile, type DriverConfig } from './schema';

/**
 * The machine policy's short device entries (`deviceProfiles`: id, kind, vendor/product id, driver
 * name, label) as full profiles, so IT can add a model in the policy without editing the shipped
 * profiles file. `driver` is a driver kind (`hid-pos`, `keyboard-wedge`, `mrz-wedge`, `card-frame`)
 * or the id of a shipped profile whose driver settings to reuse; without it, card readers get the
 * NIN1-CARD driver and scanners HID-POS. Certificate tokens are not HID devices (PKCS#11 handles them).
 */
export function profilesFromPolicy(entries: readonly PolicyDeviceEntry[], shipped: readonly DeviceProfile[]): DeviceProfile[] {
  const out: DeviceProfile[] = [];
  for (const e of entries) {
    if (e.kind === 'certificate-token') continue;
    const driver = driverFor(e, shipped);
    const name = e.label ?? DEVICE_KIND_LABEL[e.kind];
    const match = { ...(e.vendorId !== undefined ? { vendorId: e.vendorId } : {}), ...(e.productId !== undefined ? { productId: e.productId } : {}) };
    // The policy was validated when loaded; a combination the device layer cannot use is skipped, not fatal.
    const parsed = DeviceProfile.safeParse({ id: e.id.toLowerCase().replace(/_/g, '-'), name, match, driver });
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

function driverFor(e: PolicyDeviceEntry, shipped: readonly DeviceProfile[]): DriverConfig | { kind: string; purpose?: string } {
  const named = e.driver ? shipped.find((p) => p.id === e.driver) : undefined;
  if (named) return named.driver;
  switch (e.driver) {
    case 'mrz-wedge':
      return { kind: 'keyboard-wedge', purpose: 'mrz' };
    case 'keyboard-wedge':
      return { kind: 'keyboard-wedge', purpose: 'barcode' };
    case 'hid-pos':
    case 'card-frame':
      return { kind: e.driver };
    default:
      return e.kind === 'card-reader' ? { kind: 'card-frame' } : { kind: 'hid-pos' };
  }
}
