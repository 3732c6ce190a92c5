import { describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../../../shared/devices/schema';
import { fixedClock } from '../../clock';
import { silentLogger } from '../../logging/logger';
import { TEST_NOW } from '../../testing/fixtures';
import { loadDeviceProfiles } from '../profiles/loadProfiles';
import { HidSimulator } from '../simulator/hidSimulator';
import { cardInsertedReports, cardRemovedReports, hidPosReports, mrzReports, SIM_DEVICES, wedgeReports } from '../simulator/reports';
import { chunkFrame, encodeFrame, encodePersonPayload, FrameType } from '../drivers/cardFrame/protocol';
import { DeviceManager } from './deviceManager';
import { DeviceEventLog } from './eventLog';

const card = { id: 'A123456789', name: '王小明', rocBirthDate: '0790315' };

/** A manager on the simulator, polled by hand (no timers in tests). */
function rig() {
  const sim = new HidSimulator();
  const log = new DeviceEventLog(fixedClock(TEST_NOW));
  const manager = new DeviceManager({ hid: sim.api, profiles: loadDeviceProfiles(), logger: silentLogger(), emit: (e) => void log.push(e), today: () => '2026-11-26' });
  const events = (): DeviceEvent[] => log.since(0).events;
  const types = () => events().map((e) => (e.type === 'device-error' ? `error:${e.code}` : e.type));
  return { sim, manager, events, types };
}

describe('device manager (on the HID simulator)', () => {
  it('opens devices a profile claims, lists unknown ones for IT and leaves them alone', () => {
    const { sim, manager, events } = rig();
    const reader = sim.plug(SIM_DEVICES.cardReader);
    const mouse = sim.plug(SIM_DEVICES.unknownMouse);
    manager.poll();
    expect(events()).toMatchObject([{ type: 'reader-connected', device: { kind: 'card-reader', profileId: 'nin1-card-reader-v1', name: '讀卡機（NIN1-CARD 協定 v1）' } }]);
    expect(sim.openHandles(reader)).toBe(1);
    expect(sim.openHandles(mouse)).toBe(0);
    expect(manager.unknownCount()).toBe(1);
    expect(manager.inventory()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ vendorId: '0x1209', productId: '0x0001', profileId: 'nin1-card-reader-v1', state: 'open' }),
        expect.objectContaining({ vendorId: '0x046d', profileId: null, state: 'unknown', product: 'USB Optical Mouse' }),
      ]),
    );
    manager.poll();
    expect(events()).toHaveLength(1); // a second poll changes nothing
  });

  it('turns a card insert and removal into events with the parsed person', () => {
    const { sim, manager, events } = rig();
    const reader = sim.plug(SIM_DEVICES.cardReader);
    manager.poll();
    sim.play(reader, [...cardInsertedReports(card), ...cardRemovedReports()].map((report) => ({ report })));
    expect(events().slice(1)).toMatchObject([
      { type: 'card-inserted', device: { kind: 'card-reader' }, person: { id: 'A123456789', name: '王小明', birthDate: '1990-03-15', source: 'card' } },
      { type: 'card-removed', device: { kind: 'card-reader' } },
    ]);
  });

  it('keeps two devices apart when their reports interleave', () => {
    const { sim, manager, events } = rig();
    const reader = sim.plug(SIM_DEVICES.cardReader);
    const scanner = sim.plug(SIM_DEVICES.hidPosScanner);
    manager.poll();
    const frame = chunkFrame(encodeFrame(FrameType.CARD_INSERTED, encodePersonPayload(card)), 3, 10);
    const scan = hidPosReports('NIN1:FS01-1151126-0007:1/2'.repeat(4));
    for (let i = 0; i < Math.max(frame.length, scan.length); i++) {
      if (frame[i]) sim.send(reader, frame[i]!);
      if (scan[i]) sim.send(scanner, scan[i]!);
    }
    const data = events().filter((e) => e.type === 'card-inserted' || e.type === 'barcode');
    expect(data.map((e) => [e.type, e.device.kind])).toEqual(
      expect.arrayContaining([
        ['card-inserted', 'card-reader'],
        ['barcode', 'barcode-scanner'],
      ]),
    );
    expect(data).toHaveLength(2);
  });

  it('reports a frame cut off by an unplug, then the disconnect; a replug reconnects', () => {
    const { sim, manager, types } = rig();
    const reader = sim.plug(SIM_DEVICES.cardReader, 'sim:reader');
    manager.poll();
    const frame = chunkFrame(encodeFrame(FrameType.CARD_INSERTED, encodePersonPayload(card)), 3, 12);
    sim.play(reader, [{ report: frame[0]! }, { report: frame[1]! }, { unplug: true }]);
    expect(types()).toEqual(['reader-connected', 'error:CARD_FRAME_INTERRUPTED', 'reader-disconnected']);
    manager.poll();
    sim.plug(SIM_DEVICES.cardReader, 'sim:reader');
    manager.poll();
    expect(types().at(-1)).toBe('reader-connected');
  });

  it('notices an unplugged idle device on the next poll', () => {
    const { sim, manager, types } = rig();
    const scanner = sim.plug(SIM_DEVICES.wedgeScanner);
    manager.poll();
    sim.unplug(scanner);
    expect(types()).toEqual(['reader-connected', 'reader-disconnected']);
    expect(manager.connected()).toEqual([]);
  });

  it('reopens after a read error on a device that is still plugged in', () => {
    const { sim, manager, types } = rig();
    const scanner = sim.plug(SIM_DEVICES.hidPosScanner);
    manager.poll();
    sim.raise(scanner, 'could not read from HID device');
    expect(types()).toEqual(['reader-connected', 'reader-disconnected', 'error:DEVICE_READ_FAILED']);
    manager.poll();
    expect(types().at(-1)).toBe('reader-connected');
    sim.play(scanner, hidPosReports('OK').map((report) => ({ report })));
    expect(types().at(-1)).toBe('barcode');
  });

  it('reports an open failure once (not every poll) and retries until it works', () => {
    const { sim, manager, events, types } = rig();
    const reader = sim.plug(SIM_DEVICES.mrzReader);
    sim.failOpen(reader, 'could not open device: permission denied');
    manager.poll();
    manager.poll();
    expect(types()).toEqual(['error:DEVICE_OPEN_FAILED']);
    expect(events()[0]).toMatchObject({ message: expect.stringContaining('權限') });
    expect(manager.inventory()[0]).toMatchObject({ state: 'error' });
    sim.failOpen(reader, null);
    manager.poll();
    expect(types().at(-1)).toBe('reader-connected');
  });

  it('survives an enumeration that throws and says so once', () => {
    const { sim, manager, types } = rig();
    const devices = sim.api.devices;
    sim.api.devices = () => {
      throw new Error('hid_enumerate failed');
    };
    manager.poll();
    manager.poll();
    expect(types()).toEqual(['error:HID_ENUMERATION']);
    sim.api.devices = devices;
    sim.plug(SIM_DEVICES.cardReader);
    manager.poll();
    expect(types().at(-1)).toBe('reader-connected');
  });

  it('drives every kind of device: wedge barcode, MRZ swipe, HID-POS CJK', () => {
    const { sim, manager, events } = rig();
    const wedge = sim.plug(SIM_DEVICES.wedgeScanner);
    const mrz = sim.plug(SIM_DEVICES.mrzReader);
    const pos = sim.plug(SIM_DEVICES.hidPosScanner);
    manager.poll();
    sim.play(wedge, wedgeReports('NIN1:FS01-1151126-0007:1/2\n').map((report) => ({ report })));
    sim.play(mrz, mrzReports({ format: 'TD1', documentCode: 'IR', issuingState: 'TWN', documentNumber: 'Y00012345', surname: 'NGUYEN', givenNames: 'THI LAN', nationality: 'VNM', birthDate: '950214', sex: 'F', expiryDate: '290630', optional1: 'A900000016' }).map((report) => ({ report })));
    sim.play(pos, hidPosReports('鳳山區戶政事務所').map((report) => ({ report })));
    const data = events().filter((e) => e.type !== 'reader-connected');
    expect(data).toMatchObject([
      { type: 'barcode', text: 'NIN1:FS01-1151126-0007:1/2', typedByOs: true, device: { kind: 'barcode-scanner' } },
      { type: 'card-inserted', person: { source: 'mrz', id: 'A900000016' }, device: { kind: 'mrz-reader' } },
      { type: 'barcode', text: '鳳山區戶政事務所', symbology: ']Q1', typedByOs: false },
    ]);
  });

  it('stop() closes every handle', () => {
    const { sim, manager } = rig();
    const a = sim.plug(SIM_DEVICES.cardReader);
    const b = sim.plug(SIM_DEVICES.hidPosScanner);
    manager.poll();
    manager.stop();
    expect(sim.openHandles(a) + sim.openHandles(b)).toBe(0);
  });
});
