import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../server/deps';
import { registerEndpoint } from '../server/register';
import { signedHead } from './receipts';

/** GET /v1/log/head: anyone may fetch the signed head and compare it with a receipt or a bundle. */
export function logRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  registerEndpoint(app, deps, 'logHead', async () => signedHead(deps.store, deps.clock.now().toISOString()));
}
