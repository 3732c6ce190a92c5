import { createSign, createVerify, createPrivateKey, X509Certificate } from 'node:crypto';
import { composeMrz } from '../shared/mrz';
import { fixedClock } from '../electron/services/clock';
import { DeviceEventLog } from '../electron/services/devices/manager/eventLog';
import { DeviceManager } from '../electron/services/devices/manager/deviceManager';
import { Pkcs11Module } from '../electron/services/devices/pkcs11/module';
import { proveCardHolder } from '../electron/services/devices/pkcs11/proveCardHolder';
import { issueCard, SOFTHSM } from '../electron/services/devices/pkcs11/testing/lab';
import { TEST_PIN } from '../electron/services/devices/pkcs11/testing/softhsm';
import { loadDeviceProfiles } from '../electron/services/devices/profiles/loadProfiles';
import { HidSimulator } from '../electron/services/devices/simulator/hidSimulator';
import { cardInsertedReports, cardRemovedReports, hidPosReports, mrzReports, SIM_DEVICES, wedgeReports } from '../electron/services/devices/simulator/reports';
import { silentLogger } from '../electron/services/logging/logger';
import { TEST_NOW } from '../electron/services/testing/fixtures';
import { entry, percentile, timeRuns, type BenchEntry } from './stats';

type Workload = { path: string; report: Uint8Array }[];

/** A counter's morning in reports: case-QR scans (HID-POS, some CJK), wedge scans, ARC swipes, card inserts and removals. */
function workload(sim: HidSimulator): Workload {
  const pos = sim.plug(SIM_DEVICES.hidPosScanner);
  const wedge = sim.plug(SIM_DEVICES.wedgeScanner);
  const mrz = sim.plug(SIM_DEVICES.mrzReader);
  const card = sim.plug(SIM_DEVICES.cardReader);
  const zone = composeMrz({ format: 'TD1', documentCode: 'IR', issuingState: 'TWN', documentNumber: 'Y00012345', surname: 'NGUYEN', givenNames: 'THI LAN', nationality: 'VNM', birthDate: '950214', sex: 'F', expiryDate: '290630', optional1: 'A900000016' });
  const out: Workload = [];
  for (let i = 0; i < 40; i++) {
    const caseNo = `FS01-1151126-${String(i).padStart(4, '0')}`;
    for (const r of hidPosReports(i % 4 === 0 ? `${caseNo} 高雄市鳳山區光復路二段132號之${i}` : `NIN1:${caseNo}:1/2`)) out.push({ path: pos, report: r });
    for (const r of wedgeReports(`NIN1:${caseNo}:2/2\n`)) out.push({ path: wedge, report: r });
    for (const r of mrzReports(zone)) out.push({ path: mrz, report: r });
    for (const r of [...cardInsertedReports({ id: 'A123456789', name: '王小明', rocBirthDate: '0790315', cardSerial: `TW${i}` }), ...cardRemovedReports()]) out.push({ path: card, report: r });
  }
  return out;
}

/**
 * hid-report-p99: report-to-event processing per input report, end to end in-process — simulator
 * delivery (the same Buffer copy node-hid makes), device manager, driver, event log — against a
 * no-op parse that reads every byte of the same reports.
 */
function benchHidReports(): BenchEntry[] {
  const sim = new HidSimulator();
  const reports = workload(sim);
  const log = new DeviceEventLog(fixedClock(TEST_NOW), { max: 200, ttlMs: 60_000 });
  const manager = new DeviceManager({ hid: sim.api, profiles: loadDeviceProfiles(), logger: silentLogger(), emit: (e) => void log.push(e), today: () => '2026-11-26' });
  manager.poll();
  const rounds = 5;
  // Warm up with one pass in order (timeRuns' own warm-up walks indexes backwards, which would cut frames apart).
  for (const r of reports) sim.send(r.path, r.report);
  const service = timeRuns(reports.length * rounds, (i) => {
    const r = reports[i % reports.length]!;
    sim.send(r.path, r.report);
  }, 0);
  const events = log.since(0).events;
  if (!events.some((e) => e.type === 'card-inserted') || events.some((e) => e.type === 'device-error')) throw new Error('device workload did not decode cleanly');
  manager.stop();

  let sink = 0;
  const noop = (i: number) => {
    const { report } = reports[((i % reports.length) + reports.length) % reports.length]!;
    for (const b of Buffer.from(report)) sink = (sink + b) | 0;
  };
  const baseline = timeRuns(reports.length * rounds, noop, reports.length);
  if (sink === 42) process.stderr.write(''); // keep the no-op loop from being optimised away

  return [entry('hid-report-p99', percentile(service, 99), 'ms', 1, { baseline: percentile(baseline, 99), note: `${reports.length} reports × ${rounds}: manager + driver + event per report vs reading the same bytes` })];
}

/**
 * pkcs11-login-sign: card login as the counter does it on SoftHSM2 (C_Login, certificate read,
 * validity check, challenge signed on the token and verified), against signing and verifying the
 * same challenge with the same key in Node.
 */
async function benchPkcs11(): Promise<BenchEntry[]> {
  if (!SOFTHSM.ok) return [{ name: 'pkcs11-login-sign', value: 0, unit: 'ms', budget: 200, ok: true, note: `skipped: ${SOFTHSM.reason}` }];
  const { lab, identity } = await issueCard();
  const mod = Pkcs11Module.load(lab.module);
  try {
    const now = new Date(TEST_NOW);
    const login = timeRuns(40, () => void proveCardHolder(mod, TEST_PIN, now), 5);
    const key = createPrivateKey({ key: identity.keyPkcs8Der, format: 'der', type: 'pkcs8' });
    const cert = new X509Certificate(identity.certDer);
    const challenge = Buffer.alloc(32, 7);
    const local = timeRuns(40, () => {
      const sig = createSign('sha256').update(challenge).sign(key);
      createVerify('sha256').update(challenge).verify(cert.publicKey, sig);
    }, 5);
    return [entry('pkcs11-login-sign', percentile(login, 50), 'ms', 200, { baseline: percentile(local, 50), note: 'median of 40 SoftHSM2 logins + signatures vs Node sign+verify with the same RSA-2048 key' })];
  } finally {
    mod.close();
    lab.cleanup();
  }
}

export async function benchDevices(): Promise<BenchEntry[]> {
  return [...benchHidReports(), ...(await benchPkcs11())];
}
