import { mayCall } from '../../../shared/auth/permissions';
import type { Role } from '../../../shared/auth/roles';
import { go } from '../stores/route';

/**
 * The oversight screens a role may open (統計報表, 稽核紀錄驗證, 帳號與權限管理), on whichever home the
 * role has: the counter's queue or an agency's inbox. The services still decide; this only offers.
 */
export function ScreenLinks({ role }: { role: Role | null }) {
  return (
    <>
      {mayCall(role, 'stats.dashboard') && (
        <button type="button" className="button" onClick={() => go({ screen: 'stats' })}>
          統計報表
        </button>
      )}
      {mayCall(role, 'audit.verify') && (
        <button type="button" className="button" onClick={() => go({ screen: 'audit' })}>
          稽核紀錄驗證
        </button>
      )}
      {mayCall(role, 'accounts.list') && (
        <button type="button" className="button" onClick={() => go({ screen: 'accounts' })}>
          帳號與權限管理
        </button>
      )}
    </>
  );
}
