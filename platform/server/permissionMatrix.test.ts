import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ADMITS, endpoints, type EndpointName, type TokenKind } from '../../shared/platform/endpoints';
import { issueAdminToken } from '../auth/enrolment';
import { startTestPlatform, TEST_SECRET, type TestPlatform } from '../testing/harness';

/**
 * Every platform endpoint × every client kind (and no token), held to AUTH_ADMITS, the platform's
 * permission matrix as data. Params name the caller's own office/agency, so a refusal here is the
 * kind check and never the scope check (scopes: auth.test.ts). Bodies are empty: an admitted caller
 * may get 400/404, but never 401/403.
 */
let t: TestPlatform;
const tokens = {} as Record<TokenKind, string>;
beforeAll(async () => {
  t = await startTestPlatform();
  tokens.workstation = await t.workstationToken('FS01', 'FS01-W01');
  tokens.agency = await t.agencyToken('KH-TAX');
  tokens.admin = (await issueAdminToken(t.store, t.clock, TEST_SECRET, 'matrix', 1)).token;
});
afterAll(() => t.close());

const PARAMS: Record<string, string> = { office: 'FS01', agency: 'KH-TAX', id: 'no-such-id' };

/** Status only; the body is not read (the events endpoint streams until cancelled). */
async function statusOf(name: EndpointName, token: string | null): Promise<number> {
  const spec = endpoints[name];
  const path = spec.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(PARAMS[p] ?? 'x'));
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (spec.method === 'POST') headers['content-type'] = 'application/json';
  const ac = new AbortController();
  const res = await fetch(`${t.url}${path}`, { method: spec.method, headers, ...(spec.method === 'POST' ? { body: '{}' } : {}), signal: ac.signal });
  ac.abort();
  return res.status;
}

describe('platform permission matrix (every endpoint × every client kind)', () => {
  const names = Object.keys(endpoints) as EndpointName[];
  for (const name of names) {
    it(`${name} (${endpoints[name].auth})`, async () => {
      const spec = endpoints[name];
      const anonymous = await statusOf(name, null);
      if (spec.auth === 'public') expect(anonymous, 'no token').not.toBe(401);
      else expect(anonymous, 'no token').toBe(401);
      for (const kind of ['workstation', 'agency', 'admin'] as const) {
        const status = await statusOf(name, tokens[kind]);
        if (spec.auth === 'public' || AUTH_ADMITS[spec.auth].includes(kind)) expect([401, 403], kind).not.toContain(status);
        else expect(status, kind).toBe(403);
      }
    });
  }
});
