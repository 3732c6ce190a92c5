import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import type { PlatformStore } from '../store/repository';

/**
 * The token secret: NIN1_PLATFORM_SECRET when set (required when several nodes share a database,
 * and the better place for it: a stolen database copy then cannot mint tokens), else one generated
 * on first start and kept in the database's meta table, so a single node needs no set-up.
 */
export async function secretFor(store: PlatformStore, env: string | undefined = process.env.NIN1_PLATFORM_SECRET): Promise<string> {
  if (env !== undefined) {
    if (env.length < 32) throw new AppFailure({ code: 'CONFIG_INVALID', message: 'NIN1_PLATFORM_SECRET 至少要 32 個字元' });
    return env;
  }
  return store.metaGetOrSet('token-secret', randomBytes(32).toString('base64url'));
}
