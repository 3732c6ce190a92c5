import { api, isApiMethod } from '../../../shared/contract/api';
import { AppFailure, err, ok, type Result } from '../../../shared/result';
import { formatIssuePath } from '../../../shared/zod';
import { auditDenied } from '../audit/denied';
import { handlers, type CallContext } from './handlers';

export type Request = { method: string; input: unknown; sessionToken: string | null };

/**
 * The single entry for every contract call, whichever shell carries it (IPC, loopback HTTP, CLI):
 * unknown method → error; access checked against the caller's role here, in the services layer, never
 * only by hiding UI (a refusal is audited); input validated against the shared schema; errors come
 * back as values.
 */
export async function dispatch(base: Omit<CallContext, 'user' | 'sessionToken'>, req: Request): Promise<Result<unknown>> {
  const log = base.ctx.logger.child({ method: req.method });
  if (!isApiMethod(req.method)) return err('METHOD_UNKNOWN', `未知的功能「${req.method}」`);
  const spec = api[req.method];
  try {
    // Who before what: a role that may not make the call learns nothing about its input schema, and
    // the refusal is audited whatever the input was.
    const user = spec.access === 'public' ? null : base.sessions.require(req.sessionToken, { touch: !('passive' in spec && spec.passive) });
    if (user && Array.isArray(spec.access) && !spec.access.includes(user.role)) {
      log.warn({ role: user.role }, 'access denied');
      auditDenied(base.ctx, user, req.method, base.origin);
      return err('ACCESS_DENIED', '您的角色沒有使用此功能的權限');
    }
    const parsed = spec.input.safeParse(req.input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return err('INPUT_INVALID', `輸入資料不正確（${formatIssuePath(issue.path) || '輸入'}）：${issue.message}`, formatIssuePath(issue.path));
    }
    const call: CallContext = { ...base, user, sessionToken: req.sessionToken };
    const handler = handlers[req.method] as (c: CallContext, i: unknown) => unknown;
    const output = await handler(call, parsed.data);
    return ok(spec.output.parse(output));
  } catch (e) {
    if (e instanceof AppFailure) {
      log.info({ code: e.error.code }, 'call failed');
      return { ok: false, error: e.error };
    }
    log.error({ err: e }, 'unexpected error');
    return err('INTERNAL', '系統發生未預期的錯誤，已記錄於日誌，請稍後再試或聯絡資訊人員。');
  }
}
