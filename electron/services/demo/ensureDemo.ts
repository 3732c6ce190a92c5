import type { ServiceContext } from '../context';
import { seedDemo } from './seedDemo';

/** Seeds the demo office into a database that has no users yet; returns whether it did. */
export function ensureDemoData(ctx: ServiceContext, options?: Parameters<typeof seedDemo>[1]): boolean {
  const users = ctx.db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number;
  if (users > 0) return false;
  seedDemo(ctx, options);
  return true;
}
