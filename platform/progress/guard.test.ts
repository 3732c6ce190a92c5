import { describe, expect, it } from 'vitest';
import { clientKeyOf } from './clientKey';
import { LookupGuard } from './guard';

const limits = { perCase: { max: 3, windowMs: 900_000 }, perIp: { max: 30, windowMs: 900_000 }, maxKeys: 1000, slowdown: { baseMs: 250, maxMs: 4000 } };
const CASE = 'FS01-1151126-0001';

describe('progress lookup guard', () => {
  it('finding 4: IPv6 clients are keyed by their /64, IPv4 (also mapped) by address', () => {
    expect(clientKeyOf('2001:db8:1:2::1')).toBe('2001:0db8:0001:0002::/64');
    expect(clientKeyOf('2001:DB8:1:2:ffff:eeee:dddd:cccc')).toBe(clientKeyOf('2001:db8:1:2::1'));
    expect(clientKeyOf('2001:db8:1:3::1')).not.toBe(clientKeyOf('2001:db8:1:2::1'));
    expect(clientKeyOf('::1')).toBe('0000:0000:0000:0000::/64');
    expect(clientKeyOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKeyOf('203.0.113.9')).toBe('203.0.113.9');
  });

  it('finding 4: limits per (case, client): a guesser is refused, the citizen on another client is not, one /64 is one client', async () => {
    const g = new LookupGuard(limits);
    for (let i = 0; i < 3; i++) expect(await g.admit(CASE, '203.0.113.1', 0)).toEqual({ delayMs: 0 });
    expect(await g.admit(CASE, '203.0.113.1', 0)).toEqual({ refuseForS: 900 });
    expect(await g.admit(CASE, '198.51.100.7', 0)).toEqual({ delayMs: 0 });
    // Hopping addresses inside one /64 does not buy new tries.
    for (let i = 1; i <= 3; i++) expect(await g.admit(CASE, `2001:db8:1:2::${i}`, 0)).toEqual({ delayMs: 0 });
    expect(await g.admit(CASE, '2001:db8:1:2::99', 0)).toEqual({ refuseForS: 900 });
  });

  it('finding 4: wrong codes from many clients slow the case down (doubling, capped) but never lock it', async () => {
    const g = new LookupGuard(limits);
    const delays: number[] = [];
    for (let i = 1; i <= 10; i++) {
      const a = await g.admit(CASE, `203.0.113.${i}`, 0);
      expect('delayMs' in a).toBe(true);
      delays.push((a as { delayMs: number }).delayMs);
      await g.failed(CASE, 0);
    }
    expect(delays).toEqual([0, 0, 0, 0, 250, 500, 1000, 2000, 4000, 4000]);
    expect(await g.admit(CASE, '198.51.100.7', 0)).toEqual({ delayMs: 4000 }); // the citizen: slow, but served
    expect(await g.admit('FS01-1151126-0002', '198.51.100.7', 0)).toEqual({ delayMs: 0 }); // other cases untouched
    expect(await g.admit(CASE, '198.51.100.8', 900_000)).toEqual({ delayMs: 0 }); // the window passes
  });
});
