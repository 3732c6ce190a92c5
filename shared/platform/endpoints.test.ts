import { describe, expect, it } from 'vitest';
import { endpointPath, endpoints } from './endpoints';

describe('platform endpoint table', () => {
  it('fills path parameters and leaves undefined query values out', () => {
    expect(endpointPath(endpoints.agencyInbox.path, { agency: 'KH-TAX' }, { limit: 50, item: undefined, status: 'delivered' })).toBe(
      '/v1/agencies/KH-TAX/inbox?limit=50&status=delivered',
    );
    expect(endpointPath(endpoints.submitNotifications.path)).toBe('/v1/notifications:batch');
    expect(() => endpointPath(endpoints.officeChanges.path)).toThrow(/office/);
  });

  it('has one method+path per entry and every path under /v1', () => {
    const keys = Object.values(endpoints).map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^(GET|POST|PUT) \/v1\//);
  });
});
