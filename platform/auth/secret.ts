import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import type { PlatformStore } from '../store/repository';

/**
 * The token secret: NIN1_PLATFORM_SECRET when set (required when several nodes share a database,
 * and the better place for it: a stolen database copy then cannot mint tokens), else, on SQLite
 * only, one generated on first start and kept in the database's meta table, so a single node needs
 * no set-up. PostgreSQL is how a county runs several nodes: one started without the shared secret
 * signed with its own and refused every other node's tokens (issue 14 §5), so it does not start.
 */
export async function secretFor(store: PlatformStore, env: string | undefined = process.env.NIN1_PLATFORM_SECRET): Promise<string> {
  if (env === undefined && store.dialect === 'postgres') {
    throw new AppFailure({
      code: 'CONFIG_INVALID',
      message: '使用 PostgreSQL 的平台節點須設定 NIN1_PLATFORM_SECRET（所有節點相同，至少 32 個字元），否則各節點簽發的憑證互不承認；原本單一節點自動產生的金鑰在資料庫 meta 表的 token-secret',
    });
  }
  if (env !== undefined) {
    if (env.length < 32) throw new AppFailure({ code: 'CONFIG_INVALID', message: 'NIN1_PLATFORM_SECRET 至少要 32 個字元' });
    return env;
  }
  return store.metaGetOrSet('token-secret', randomBytes(32).toString('base64url'));
}
