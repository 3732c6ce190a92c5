import type { FastifyInstance } from 'fastify';
import { buildOpenApi } from '../openapi/build';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';

export function metaRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  registerEndpoint(app, deps, 'health', async () => {
    try {
      await deps.store.ping();
    } catch {
      throw new PlatformFailure('UNAVAILABLE', '平台資料庫無回應');
    }
    return { status: 'ok' as const, version: deps.config.version, storage: deps.store.dialect, time: deps.clock.now().toISOString() };
  });

  // Built once: the table does not change while the process runs.
  let doc: Record<string, unknown> | null = null;
  registerEndpoint(app, deps, 'openapi', async () => (doc ??= buildOpenApi(deps.config.version)));
}
