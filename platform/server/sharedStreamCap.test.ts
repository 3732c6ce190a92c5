import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/services/logging/logger';
import { manualClock } from '../testing/clock';
import { driverEngines } from '../testing/driverEngines';
import { leasesOn } from '../store/leasesRepo';
import type { SqlDriver } from '../store/sql';
import { SharedStreamCap, STREAM_LEASE_MS } from './sharedStreamCap';

/**
 * Issue 14 §4: SSE streams per token capped over all nodes. Two caps ("nodes") on one database, each
 * with its own connection, a hand-moved clock; the multi-node test drives the same over HTTP.
 */
const engines = await driverEngines('shared stream cap');
const open: { driver: SqlDriver; dispose(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.driver.close();
    await o.dispose();
  }
});

for (const engine of engines) {
  describe(`stream slots leased in rate_windows (${engine.name})`, () => {
    it('a token holds at most max streams over two nodes; a closed stream frees its slot for the other node; racing opens never overshoot', async () => {
      const db = await engine.open();
      open.push(db);
      const clock = manualClock();
      const [a, b] = [new SharedStreamCap(leasesOn(db.driver), 3, clock, silentLogger()), new SharedStreamCap(leasesOn(db.driver), 3, clock, silentLogger())];
      const onA = [await a.acquire('jti-1'), await a.acquire('jti-1')];
      const onB = await b.acquire('jti-1');
      expect([...onA, onB].every((r) => r !== null)).toBe(true);
      expect(await a.acquire('jti-1')).toBeNull();
      expect(await b.acquire('jti-1')).toBeNull();
      expect(await b.acquire('jti-2')).not.toBeNull(); // another token is not affected

      onA[0]!();
      // The release is sent in the background: B retries until the freed slot is its (no timing assumed).
      while ((await b.acquire('jti-1')) === null) await new Promise((r) => setTimeout(r, 10));
      expect(await a.acquire('jti-1')).toBeNull();

      // Ten opens at once for a fresh token, five on each node: exactly three get a slot.
      const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).acquire('jti-3')));
      expect(racing.filter((r) => r !== null)).toHaveLength(3);
      a.stop();
      b.stop();
    });

    it('kill -9 of a node: its slots lapse one lease after its last renewal, and it cannot renew a slot another node has taken', async () => {
      const db = await engine.open();
      open.push(db);
      const clock = manualClock();
      const [a, b] = [new SharedStreamCap(leasesOn(db.driver), 2, clock, silentLogger()), new SharedStreamCap(leasesOn(db.driver), 2, clock, silentLogger())];
      expect(await a.acquire('jti')).not.toBeNull();
      expect(await a.acquire('jti')).not.toBeNull();
      // While A renews, its streams keep their slots past one lease.
      clock.advance(STREAM_LEASE_MS - 1);
      await a.renew();
      clock.advance(STREAM_LEASE_MS - 1);
      expect(await b.acquire('jti')).toBeNull();
      // A dies (no renewal, no release): one lease later B may open both.
      clock.advance(2);
      expect(await b.acquire('jti')).not.toBeNull();
      expect(await b.acquire('jti')).not.toBeNull();
      await a.renew(); // a stale node renewing changes nothing of B's
      clock.advance(STREAM_LEASE_MS - 1);
      await b.renew();
      clock.advance(2);
      expect(await a.acquire('jti')).toBeNull();
      a.stop();
      b.stop();
    });
  });
}
