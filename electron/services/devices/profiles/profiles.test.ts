import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { loadDeviceProfiles } from './loadProfiles';
import { matchProfile } from './match';
import { DeviceProfile } from './schema';

const tmp = tempDir('nin1-profiles-');
afterAll(() => tmp.cleanup());

describe('device profiles (data)', () => {
  it('the shipped profiles validate, with driver defaults filled in', () => {
    const profiles = loadDeviceProfiles();
    expect(profiles.map((p) => p.id)).toEqual(['generic-hid-pos', 'nin1-card-reader-v1', 'mrz-reader-wedge', 'barcode-wedge']);
    expect(profiles[0]!.driver).toMatchObject({ kind: 'hid-pos', reportId: 2, dataOffset: 5, continuationOffset: 63, encoding: 'utf-8' });
    expect(profiles[1]!.match).toEqual({ vendorId: 0x1209, productId: 0x0001 });
  });

  it('a bad file names the file and the field', () => {
    const file = tmp.file('bad.json');
    writeFileSync(file, JSON.stringify({ version: '1', profiles: [{ id: 'x1', name: 'X', match: { vendorId: '0xZZ' }, driver: { kind: 'hid-pos' } }] }));
    expect(() => loadDeviceProfiles(file)).toThrow(/bad\.json.*profiles\[0\]\.match\.vendorId/);
    writeFileSync(file, JSON.stringify({ version: '1', profiles: [{ id: 'x1', name: 'X', match: { productId: 1 }, driver: { kind: 'hid-pos' } }] }));
    expect(() => loadDeviceProfiles(file)).toThrow(/vendorId/);
    writeFileSync(file, '{ not json');
    expect(() => loadDeviceProfiles(file)).toThrow(/無法讀取裝置設定檔/);
  });

  it('a model-specific profile beats the generic usage-page one', () => {
    const generic = DeviceProfile.parse({ id: 'generic', name: 'G', match: { usagePage: '0x8c' }, driver: { kind: 'hid-pos' } });
    const specific = DeviceProfile.parse({ id: 'model-x', name: 'X', match: { vendorId: '0x05e0', productId: '0x1300' }, driver: { kind: 'hid-pos', encoding: 'big5' } });
    const device = { vendorId: 0x05e0, productId: 0x1300, usagePage: 0x8c, release: 1, interface: 0 };
    expect(matchProfile(device, [generic, specific])?.id).toBe('model-x');
    expect(matchProfile({ ...device, productId: 1 }, [generic, specific])?.id).toBe('generic');
    expect(matchProfile({ ...device, usagePage: 1, productId: 1 }, [generic, specific])).toBeUndefined();
  });
});

describe('device entries from the machine policy', () => {
  it('become full profiles: driver by kind, by name, or borrowed from a shipped profile; tokens skipped', async () => {
    const { profilesFromPolicy } = await import('./policyProfiles');
    const shipped = loadDeviceProfiles();
    const out = profilesFromPolicy(
      [
        { id: 'HON_1900', kind: 'barcode-scanner', vendorId: '0x0c2e', productId: '0x0b87', label: '一樓掃描器' },
        { id: 'desk-reader', kind: 'card-reader', vendorId: 0x1234, productId: 0x5678 },
        { id: 'mrz', kind: 'card-reader', vendorId: 0x1234, productId: 0x9999, driver: 'mrz-wedge' },
        { id: 'wedge', kind: 'barcode-scanner', vendorId: 0x1234, productId: 0x7777, driver: 'barcode-wedge' },
        { id: 'hicos', kind: 'certificate-token' },
      ],
      shipped,
    );
    expect(out.map((p) => [p.id, p.name, p.driver.kind, 'purpose' in p.driver ? p.driver.purpose : null])).toEqual([
      ['hon-1900', '一樓掃描器', 'hid-pos', null],
      ['desk-reader', '讀卡機', 'card-frame', null],
      ['mrz', '讀卡機', 'keyboard-wedge', 'mrz'],
      ['wedge', '條碼掃描器', 'keyboard-wedge', 'barcode'],
    ]);
    expect(out[0]!.match).toEqual({ vendorId: 0x0c2e, productId: 0x0b87 });
  });
});
