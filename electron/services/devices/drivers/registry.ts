import type { DeviceProfile } from '../profiles/schema';
import { CardFrameDriver } from './cardFrame/driver';
import { HidPosDriver } from './hidPos';
import { MrzReaderDriver } from './mrzReader';
import type { Driver } from './types';
import { WedgeBarcodeDriver } from './wedgeBarcode';

/**
 * Driver registry: a profile's `driver.kind` names the code that understands its reports. Profiles
 * (data) pick vendor/product ids and parameters; adding a model is a profile, adding a kind of
 * device is a driver here.
 */
export function createDriver(profile: DeviceProfile, today: () => string): Driver {
  const d = profile.driver;
  switch (d.kind) {
    case 'hid-pos':
      return new HidPosDriver(d);
    case 'keyboard-wedge':
      return d.purpose === 'mrz' ? new MrzReaderDriver(d, today) : new WedgeBarcodeDriver(d);
    case 'card-frame':
      return new CardFrameDriver(d);
  }
}
