import { err, ok, type Result } from '../../shared/result';
import { z } from '../../shared/zod';
import { HidSimulator } from '../services/devices/simulator/hidSimulator';
import { cardInsertedReports, cardRemovedReports, hidPosReports, mrzReports, SIM_DEVICES, wedgeReports } from '../services/devices/simulator/reports';

/**
 * UI-test hook of the browser host: lets Playwright plug simulated devices in and play what they
 * send (a card, a scan, an MRZ swipe, garbage) through the real device manager and drivers. Exists
 * only when the host is started with `--test-hooks` (refused under NODE_ENV=production, never used
 * by the Electron shell), and sits behind the same launch token and origin checks as the contract.
 */
export type TestHook = (action: string, input: unknown) => Result<unknown>;

const DeviceName = z.enum(Object.keys(SIM_DEVICES) as [keyof typeof SIM_DEVICES, ...(keyof typeof SIM_DEVICES)[]]);
type DeviceName = z.infer<typeof DeviceName>;

const Actions = {
  plug: z.strictObject({ device: DeviceName }),
  unplug: z.strictObject({ device: DeviceName }),
  insertCard: z.strictObject({ id: z.string(), name: z.string(), rocBirthDate: z.string(), cardSerial: z.string().optional() }),
  removeCard: z.strictObject({}),
  scan: z.strictObject({ text: z.string().min(1).max(2000), via: z.enum(['hid-pos', 'wedge']).default('hid-pos') }),
  swipeMrz: z.strictObject({ zone: z.string().min(1).max(200) }),
  garbage: z.strictObject({ device: DeviceName, bytes: z.array(z.number().int().min(0).max(255)).max(64) }),
} as const;

export function deviceTestHooks(sim: HidSimulator): TestHook {
  const paths = new Map<DeviceName, string>();
  const path = (device: DeviceName): string => {
    const p = paths.get(device);
    if (!p) throw new Error(`${device} is not plugged in`);
    return p;
  };
  const send = (device: DeviceName, reports: Uint8Array[]) => sim.play(path(device), reports.map((report) => ({ report })));

  const run = (action: keyof typeof Actions, input: unknown): unknown => {
    switch (action) {
      case 'plug': {
        const { device } = Actions.plug.parse(input);
        if (!paths.has(device)) paths.set(device, sim.plug({ ...SIM_DEVICES[device] }));
        return { path: paths.get(device) };
      }
      case 'unplug': {
        const { device } = Actions.unplug.parse(input);
        sim.unplug(path(device));
        paths.delete(device);
        return {};
      }
      case 'insertCard':
        send('cardReader', cardInsertedReports(Actions.insertCard.parse(input)));
        return {};
      case 'removeCard':
        Actions.removeCard.parse(input ?? {});
        send('cardReader', cardRemovedReports());
        return {};
      case 'scan': {
        const { text, via } = Actions.scan.parse(input);
        if (via === 'wedge') send('wedgeScanner', wedgeReports(`${text}\n`));
        else send('hidPosScanner', hidPosReports(text));
        return {};
      }
      case 'swipeMrz':
        send('mrzReader', mrzReports(Actions.swipeMrz.parse(input).zone));
        return {};
      case 'garbage': {
        const { device, bytes } = Actions.garbage.parse(input);
        send(device, [Uint8Array.from(bytes)]);
        return {};
      }
    }
  };

  return (action, input) => {
    if (!Object.hasOwn(Actions, action)) return err('TEST_HOOK_UNKNOWN', `unknown test action ${action}`);
    try {
      return ok(run(action as keyof typeof Actions, input ?? {}));
    } catch (e) {
      return err('TEST_HOOK_FAILED', e instanceof Error ? e.message : String(e));
    }
  };
}

/** `--test-hooks` is for UI tests on a development machine; a production build must never expose it. */
export function assertTestHooksAllowed(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production') throw new Error('--test-hooks is refused when NODE_ENV=production');
}

export { HidSimulator };
