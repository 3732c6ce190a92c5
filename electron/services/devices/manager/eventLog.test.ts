import { describe, expect, it } from 'vitest';
import type { DeviceRef } from '../../../../shared/devices/schema';
import { DeviceEventLog } from './eventLog';

const device: DeviceRef = { id: 'x', kind: 'card-reader', name: '讀卡機', profileId: 'p' };

describe('device event log', () => {
  it('hands out events after a cursor; a reader without a cursor starts from now', () => {
    let now = Date.parse('2026-11-26T02:30:00Z');
    const log = new DeviceEventLog({ now: () => new Date(now) });
    log.push({ type: 'reader-connected', device });
    const start = log.since(null);
    expect(start).toEqual({ cursor: 1, events: [] });
    log.push({ type: 'card-removed', device });
    expect(log.since(start.cursor).events).toMatchObject([{ seq: 2, type: 'card-removed' }]);
    expect(log.since(99)).toEqual({ cursor: 2, events: [] }); // a cursor from an earlier run of the host
    now += 10 * 60_000;
    expect(log.since(0).events).toEqual([]); // personal data does not linger
  });

  it('keeps a bounded number of events', () => {
    const log = new DeviceEventLog({ now: () => new Date() }, { max: 3, ttlMs: 60_000 });
    for (let i = 0; i < 10; i++) log.push({ type: 'card-removed', device });
    expect(log.since(0).events.map((e) => e.seq)).toEqual([8, 9, 10]);
  });
});
