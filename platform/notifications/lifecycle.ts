import type { AgencyAction } from '../../shared/platform/wire';
import type { ChangeDraft, Decision, NotificationState } from '../store/repository';

const received: ChangeDraft = { status: 'received', reason: null, answer: null };
const ok = (changes: ChangeDraft[]): Decision => ({ ok: true, changes });

/**
 * The platform half of the lifecycle: delivered → received → completed | rejected; a verification
 * request is closed by its answer (completed with the answer). Closing straight from `delivered`
 * records the implied `received` first, so every counter sees the same sequence. Repeating the
 * action that produced the current state records nothing and succeeds (an agency client's retry after
 * a timeout is harmless); anything that would rewrite a closed outcome is refused.
 */
export function decide(action: AgencyAction, s: NotificationState, agency: string): Decision {
  if (s.receiverAgency !== agency) return { ok: false, code: 'FORBIDDEN' };
  const open = s.status === 'delivered' ? [received] : [];
  switch (action.action) {
    case 'receive':
      return ok(open);
    case 'complete':
      if (s.kind === 'verification') return { ok: false, code: 'ACTION_NOT_ALLOWED' };
      if (s.status === 'completed') return ok([]);
      if (s.status === 'rejected') return { ok: false, code: 'INVALID_TRANSITION' };
      return ok([...open, { status: 'completed', reason: action.note ?? null, answer: null }]);
    case 'answer':
      if (s.kind !== 'verification') return { ok: false, code: 'ACTION_NOT_ALLOWED' };
      if (s.status === 'completed') return ok([]);
      if (s.status === 'rejected') return { ok: false, code: 'INVALID_TRANSITION' };
      return ok([...open, { status: 'completed', reason: null, answer: action.answer }]);
    case 'reject':
      if (s.status === 'rejected') return ok([]);
      if (s.status === 'completed') return { ok: false, code: 'INVALID_TRANSITION' };
      return ok([...open, { status: 'rejected', reason: action.reason, answer: null }]);
  }
}
