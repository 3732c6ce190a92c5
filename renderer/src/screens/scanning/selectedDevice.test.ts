import { describe, expect, it } from 'vitest';
import type { ScanDevice } from '../../../../shared/contract/scanningApi';
import { selectedDevice } from './selectedDevice';

const folder = { id: 'folder:/scans', backend: 'folder', label: '/scans', capabilities: { sources: ['adf'], resolutions: [], colorModes: ['gray'], duplex: false } } as ScanDevice;
const sane = { ...folder, id: 'sane:test:0', backend: 'sane', label: 'test' } as ScanDevice;

describe('scanning source', () => {
  it('finding 13-c: the source the list shows selected (收件資料夾) is the source F9 starts', () => {
    // No choice yet, or a choice no longer listed: the <select> shows the first source, so F9 uses it.
    expect(selectedDevice({ devices: [folder, sane], deviceId: '' })).toBe(folder);
    expect(selectedDevice({ devices: [folder, sane], deviceId: 'sane:gone' })).toBe(folder);
    expect(selectedDevice({ devices: [folder, sane], deviceId: sane.id })).toBe(sane);
    expect(selectedDevice({ devices: [], deviceId: '' })).toBeNull();
    expect(selectedDevice({ devices: null, deviceId: '' })).toBeNull();
  });
});
