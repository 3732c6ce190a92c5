import type { Clock } from '../electron/services/clock';
import type { Catalogue } from '../shared/catalogue/schema';
import { issueEnrolCode } from './auth/enrolment';
import type { PlatformStore } from './store/repository';

/**
 * Demo enrolment codes, well known and reusable so the demo counter can enrol at every start.
 * Never for production: `--demo` is refused nowhere, but a real platform simply never runs it.
 *   workstation FS01 / FS01-W01 → DEMO-FS01-W01    (FS01-W02 → DEMO-FS01-W02)
 *   agency <code>, any client id → DEMO-<code>      e.g. DEMO-KH-TAX, DEMO-KH-LAND-FS
 */
export const DEMO_OFFICE = 'FS01';
/** The demo office's own agency (the counter's DEMO_CONFIG agencyCode): its only sender agency. */
export const DEMO_SENDER_AGENCY = 'KH-HR-FS';
export const DEMO_WORKSTATIONS = ['FS01-W01', 'FS01-W02'] as const;
export const demoWorkstationCode = (ws: string): string => `DEMO-${ws}`;
export const demoAgencyCode = (agency: string): string => `DEMO-${agency}`;

const TEN_YEARS_H = 24 * 3653;

export async function seedDemo(store: PlatformStore, clock: Clock, catalogue: Catalogue): Promise<{ kind: string; who: string; code: string }[]> {
  const out: { kind: string; who: string; code: string }[] = [];
  for (const ws of DEMO_WORKSTATIONS) {
    const code = demoWorkstationCode(ws);
    await issueEnrolCode(store, clock, { kind: 'workstation', officeCode: DEMO_OFFICE, workstationId: ws, senderAgency: DEMO_SENDER_AGENCY }, { code, reusable: true, ttlHours: TEN_YEARS_H, actor: 'admin:demo' });
    out.push({ kind: 'workstation', who: `${DEMO_OFFICE}/${ws}`, code });
  }
  for (const a of catalogue.agencies) {
    const code = demoAgencyCode(a.code);
    await issueEnrolCode(store, clock, { kind: 'agency', agencyCode: a.code, clientId: null }, { code, reusable: true, ttlHours: TEN_YEARS_H, actor: 'admin:demo' });
    out.push({ kind: 'agency', who: a.code, code });
  }
  return out;
}
