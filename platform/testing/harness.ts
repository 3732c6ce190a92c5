import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogue } from '../../electron/services/catalogue/loadCatalogue';
import { silentLogger } from '../../electron/services/logging/logger';
import { resourcePath } from '../../electron/services/resources';
import { issueEnrolCode } from '../auth/enrolment';
import { platformConfig, type PlatformConfig } from '../config';
import type { Mailer } from '../mail/mailer';
import { createPlatform, type Platform } from '../server/createPlatform';
import { openStore } from '../store/open';
import type { PlatformStore } from '../store/repository';
import { manualClock, type ManualClock } from './clock';
import { httpClient, type HttpClient } from './http';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

export type TestPlatform = {
  url: string;
  platform: Platform;
  store: PlatformStore;
  clock: ManualClock;
  http: HttpClient;
  dir: string;
  /** Issues a one-time code and redeems it over HTTP; returns the bearer token. */
  /** senderAgency: the agency the code binds the workstation to (default KH-HR-FS, the demo office's). */
  workstationToken(office?: string, ws?: string, senderAgency?: string | null): Promise<string>;
  agencyToken(agency: string, client?: string): Promise<string>;
  close(): Promise<void>;
};

/**
 * A real platform on 127.0.0.1 with a real SQLite file in a temp folder (or a given store, e.g.
 * Postgres), a hand-moved clock and the shipped catalogue; responses are checked against the table.
 */
export async function startTestPlatform(opts: { store?: PlatformStore; mailer?: Mailer | null; config?: Partial<PlatformConfig>; clock?: ManualClock } = {}): Promise<TestPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'nin1-platform-'));
  const store = opts.store ?? (await openStore({ kind: 'sqlite', file: join(dir, 'platform.sqlite') }));
  const clock = opts.clock ?? manualClock();
  const catalogue = loadCatalogue(resourcePath('catalogue'));
  const platform = await createPlatform({
    store,
    config: platformConfig(catalogue, TEST_SECRET, { checkResponses: true, mailRetryBaseMs: 50, ...opts.config }),
    clock,
    mailer: opts.mailer ?? null,
    logger: silentLogger(),
  });
  const url = await platform.listen();
  const http = httpClient(url);
  const redeem = async (code: string, client: object): Promise<string> => {
    const r = await http.call('enroll', { body: { code, client } as never });
    if (r.status !== 201) throw new Error(`enrol failed: ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body as { token: string }).token;
  };
  return {
    url,
    platform,
    store,
    clock,
    http,
    dir,
    async workstationToken(office = 'FS01', ws = 'FS01-W01', senderAgency: string | null = 'KH-HR-FS') {
      const { code } = await issueEnrolCode(store, clock, { kind: 'workstation', officeCode: office, workstationId: ws, senderAgency });
      return redeem(code, { kind: 'workstation', officeCode: office, workstationId: ws });
    },
    async agencyToken(agency, client = 'desk-1') {
      const { code } = await issueEnrolCode(store, clock, { kind: 'agency', agencyCode: agency, clientId: client });
      return redeem(code, { kind: 'agency', agencyCode: agency, clientId: client });
    },
    async close() {
      await platform.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
