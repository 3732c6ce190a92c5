import { create } from 'zustand';
import type { DeviceEvent, DeviceStatus } from '../../../shared/devices/schema';
import { call } from '../api/client';
import { handleDeviceEvent } from '../lib/deviceEvents';
import { useSession } from './session';

/**
 * Device status (public, for the strip and the login/lock screens) and device events (signed in),
 * both polled: the browser host has no push channel and Electron's IPC uses the same contract. 500 ms
 * for events keeps a card insert or a scan feeling immediate; status once a second is plenty.
 */
const EVENTS_MS = 500;
const STATUS_MS = 1000;

type DevicesState = {
  status: DeviceStatus | null;
  start(): void;
  stop(): void;
  refreshStatus(): Promise<void>;
};

let statusTimer: number | undefined;
let eventsTimer: number | undefined;
let cursor: number | null = null;
let polling = false;

async function pollEvents(): Promise<void> {
  const { user, locked } = useSession.getState();
  if (!user || locked || polling) {
    if (!user) cursor = null; // the next clerk starts from "now", not from the previous clerk's events
    return;
  }
  polling = true;
  try {
    const r = await call('devices.events', { after: cursor });
    if (!r.ok) return;
    const first = cursor === null;
    cursor = r.value.cursor;
    if (first) return;
    for (const e of r.value.events as DeviceEvent[]) handleDeviceEvent(e);
    if (r.value.events.length > 0) void useDevices.getState().refreshStatus();
  } finally {
    polling = false;
  }
}

export const useDevices = create<DevicesState>()((set) => ({
  status: null,

  start() {
    if (statusTimer !== undefined) return;
    void useDevices.getState().refreshStatus();
    statusTimer = window.setInterval(() => void useDevices.getState().refreshStatus(), STATUS_MS);
    eventsTimer = window.setInterval(() => void pollEvents(), EVENTS_MS);
  },

  stop() {
    window.clearInterval(statusTimer);
    window.clearInterval(eventsTimer);
    statusTimer = eventsTimer = undefined;
  },

  async refreshStatus() {
    const r = await call('devices.status', {});
    if (r.ok) set({ status: r.value });
  },
}));

// The lock screen must not show a card that was just pulled out: ask for fresh status at once.
useSession.subscribe((s, prev) => {
  if (s.locked && !prev.locked) void useDevices.getState().refreshStatus();
});
