import { bootCounter, type BootedCounter, type BootOptions } from '../services/boot/boot';
import type { CounterApp } from '../services/app';
import type { WorkstationConfig } from '../services/config/load';
import { ensureDemoData } from '../services/demo/ensureDemo';
import type { DeviceStartOptions } from '../services/devices/service';
import { closeScanningRuntime, scanningRuntime } from '../services/scanning/runtime';
import type { KeyStore } from '../services/signing/keyStore';
import { installConfiguredKeyStore } from '../services/signing/configuredKeyStore';
import type { DemoPlatform } from './demoPlatform';
import { connectSync, type SyncHostOptions } from './syncHost';

/** Something a shell starts beside the engine (backup schedule, updater); awaited at shutdown. */
export type Stop = () => void | Promise<void>;

export type RunCounterOptions = Omit<BootOptions, 'onStarted'> & {
  sync: SyncHostOptions;
  devices: DeviceStartOptions;
  /** Where signing keys live when the config names no PKCS#11 token (Electron: chooseKeyStore(safeStorage)); default the 0600 file. */
  keyStore?: (dbFile: string) => KeyStore;
  /** Shell-specific services started with each engine (Electron: backups, updater). */
  services?(engine: CounterApp, ws: WorkstationConfig): Stop[];
};

export type RunningCounter = {
  booted: BootedCounter;
  /** Resolves once sync is connected: with the local demo platform, when one was started. */
  connected(): Promise<DemoPlatform | null>;
  /** The ONE way to end: both shells and the update install await it (issue 17 finding 13). Idempotent. */
  shutdown(): Promise<void>;
};

/**
 * Boots the counter and starts what runs beside the engine, the same way in Electron and in the
 * browser host: demo data (demo database only), devices, sync, recovery of scan batches a crash
 * left behind (at start, not when the scanning screen first opens), and the shell's own services.
 * shutdown() stops them in the reverse order and closes the database last, so no timer, scan
 * session or sync request touches a closed database.
 */
export function runCounter(o: RunCounterOptions): RunningCounter {
  let connected: Promise<DemoPlatform | null> = Promise.resolve(null);
  const started: { engine: CounterApp; stops: Stop[]; closeKeys: Stop }[] = [];
  const log = o.logger.child({ module: 'lifecycle' });
  const booted = bootCounter({
    ...o,
    create: true, // the app's first start makes its database (db/open.ts); nothing else creates one silently
    onStarted: (engine, ws) => {
      // Before sync starts (it signs and may enrol): the config's PKCS#11 token, else the shell's choice.
      const closeKeys = installConfiguredKeyStore(ws.config, o.keyStore ?? null);
      if (engine.demo) ensureDemoData(engine.ctx); // the database decides (config/databaseMode.ts), never a missing file
      engine.devices.start(o.devices);
      connected = connectSync(engine, o.sync);
      void scanningRuntime(engine.ctx).recover();
      started.push({ engine, stops: o.services?.(engine, ws) ?? [], closeKeys });
    },
  });

  let ending: Promise<void> | null = null;
  const shutdown = async (): Promise<void> => {
    for (const { engine, stops, closeKeys } of started.reverse()) {
      for (const stop of stops.reverse()) await settle(stop, 'service stop failed');
      await settle(() => engine.sync.stop(), 'sync stop failed');
      await settle(() => closeScanningRuntime(engine.ctx), 'scanning stop failed');
      await settle(closeKeys, 'key store close failed'); // after sync: its last request may still sign
    }
    booted.close(); // schedulers, devices, database
    const demo = await connected;
    await demo?.stop();
    log.info({ action: 'shutdown' }, 'counter stopped');
  };
  const settle = async (step: Stop, what: string): Promise<void> => {
    try {
      await step();
    } catch (e) {
      log.error({ err: e }, what); // one failing step must not keep the database open
    }
  };

  return { booted, connected: () => connected, shutdown: () => (ending ??= shutdown()) };
}
