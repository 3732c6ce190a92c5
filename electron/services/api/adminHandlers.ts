import type { adminApi } from '../../../shared/contract/adminApi';
import { AppFailure } from '../../../shared/result';
import { collectDiagnostics } from '../diagnostics/bundle';
import { redactSecrets } from '../diagnostics/redact';
import { checkAuditChain } from '../audit/check';
import { actorOf, type Handler } from './handler';

/**
 * Handlers for shared/contract/adminApi.ts while the app runs normally. When start-up failed (bad
 * policy, corrupt database) the boot wrapper answers the recovery.* calls itself (boot/boot.ts).
 */
export const adminHandlers: { [K in keyof typeof adminApi]: Handler<K> } = {
  'recovery.status': (call) => ({ mode: 'running', error: null, policyFile: call.ctx.policy?.file ?? null, issues: [], dbFile: null, latestBackup: null }),
  'recovery.retry': (call) => ({ mode: 'running', error: null, policyFile: call.ctx.policy?.file ?? null, issues: [], dbFile: null, latestBackup: null }),
  'recovery.restoreLatest': () => {
    throw new AppFailure({ code: 'RECOVERY_NOT_NEEDED', message: '資料庫正常，不需要還原；如需還原請先結束程式，再以 npm run counter -- restore 操作。' });
  },
  'admin.config': (call) => ({
    policyFile: call.ctx.policy?.file ?? null,
    policyPresent: call.ctx.policy?.present ?? false,
    locked: call.ctx.policy?.locked ?? [],
    values: redactSecrets(call.ctx.config) as Record<string, unknown>,
  }),
  'admin.diagnostics': (call) => {
    const info = call.systemInfo();
    const bundle = collectDiagnostics({ ctx: call.ctx, appVersion: info.version, shell: info.shell, logDir: call.ctx.paths?.logDir ?? null, backupDir: call.ctx.paths?.backupDir ?? null });
    const stamp = call.ctx.clock.now().toISOString().replace(/[-:.]/g, '');
    call.ctx.logger.info({ action: 'diagnostics', user: call.user?.username }, 'diagnostics bundle exported');
    return { fileName: `n-in-1-diagnostics-${info.workstationId}-${stamp}.json`, json: JSON.stringify(bundle, null, 2) };
  },
  'audit.verify': (call) => checkAuditChain(call.ctx, actorOf(call)),
  'workstation.caseOpen': (call, input) => {
    call.ctx.activity?.setCaseOpen(input.open);
    return {};
  },
};
