import type pg from 'pg';
import { AppFailure } from '../../shared/result';
import { asUnavailable, dbUnavailable } from './unavailable';

/**
 * One transaction on a client checked out of the pool, for the driver's writes and for migrations.
 *
 * pg-pool removes its own 'error' listener from a client while it is checked out, and a pg client
 * emits 'error' when the server drops its connection (pg_ctl restart, pg_terminate_backend, a
 * network cut): with nobody listening, Node treats that as an uncaught exception and the whole
 * platform node exits. So we listen for as long as we hold the client, remember that it broke,
 * and hand it back with `release(err)`, which makes the pool destroy it instead of lending a dead
 * connection to the next request. The caller gets DB_UNAVAILABLE (503, retried by clients; every
 * write is idempotent, which also covers a COMMIT whose outcome the lost connection hid).
 */
export async function pgTransaction<T>(pool: pg.Pool, begin: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw asUnavailable(e);
  }
  let broken: Error | undefined;
  const onError = (e: Error) => {
    broken ??= e;
  };
  client.on('error', onError);
  try {
    await client.query(begin);
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    if (!broken) {
      await client.query('ROLLBACK').catch((r: Error) => {
        broken = r;
      });
    }
    const out = asUnavailable(e);
    // A typed failure from our own code (bad input, a refused transition) stays what it was.
    throw broken && !(out instanceof AppFailure) ? dbUnavailable('資料庫連線中斷') : out;
  } finally {
    // release first: the pool re-attaches its idle listener, so the client is never without one.
    client.release(broken);
    client.removeListener('error', onError);
  }
}
