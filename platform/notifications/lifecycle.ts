import type { AgencyAction, SupplementAnswer } from '../../shared/platform/wire';
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
/** Which agencies a transfer may name: the kind of an agency code (undefined: unknown). */
export type AgencyKinds = (code: string) => string | undefined;

export function decide(action: AgencyAction, s: NotificationState, agency: string, kindOf: AgencyKinds = () => undefined): Decision {
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
    case 'transfer':
      return transfer(action, s, kindOf);
    case 'request-supplement':
      if (s.kind === 'verification') return { ok: false, code: 'ACTION_NOT_ALLOWED' };
      if (s.status === 'completed' || s.status === 'rejected') return { ok: false, code: 'INVALID_TRANSITION' };
      if (s.openSupplement !== null) return { ok: false, code: 'SUPPLEMENT_OPEN' };
      return ok([
        ...open,
        {
          status: 'received',
          reason: `待補件：${action.missing.join('、')}（期限 ${action.dueDate}）`,
          answer: null,
          event: { type: 'supplement-request', round: s.supplementRounds + 1, missing: action.missing, dueDate: action.dueDate },
        },
      ]);
  }
}

/**
 * 改分 (issue 14): only an open notification, only to another agency of the same kind, and never
 * back to an agency that already held it (A → B → A): such a dispute is settled between the two
 * offices, not by bouncing the citizen's notification. The new receiver starts at `delivered`.
 */
function transfer(action: Extract<AgencyAction, { action: 'transfer' }>, s: NotificationState, kindOf: AgencyKinds): Decision {
  if (s.status === 'completed' || s.status === 'rejected') return { ok: false, code: 'INVALID_TRANSITION' };
  const kind = kindOf(s.receiverAgency);
  if (action.to === s.receiverAgency || kind === undefined || kindOf(action.to) !== kind) return { ok: false, code: 'TRANSFER_KIND' };
  if (s.previousReceivers.includes(action.to)) return { ok: false, code: 'TRANSFER_LOOP' };
  return ok([{ status: 'delivered', reason: `改分：${action.reason}`, answer: null, event: { type: 'transfer', from: s.receiverAgency, to: action.to } }]);
}

/**
 * The sending office's answer to the open 補件 round: only its own office, only that round. The
 * notification resumes (`received`: the agency goes on where it stopped), the fields join the payload.
 */
export function decideSupplementAnswer(a: SupplementAnswer, s: NotificationState, office: string): Decision {
  if (s.officeCode !== office) return { ok: false, code: 'FORBIDDEN' };
  if (s.openSupplement === null || s.openSupplement !== a.round) return { ok: false, code: 'SUPPLEMENT_ROUND' };
  const note = a.note && a.note !== '' ? a.note : null;
  const pages = a.attachments ?? [];
  const what = [Object.keys(a.fields).length > 0 ? `補正 ${Object.keys(a.fields).length} 欄` : null, pages.length > 0 ? `附掃描檔 ${pages.length} 件` : null, note].filter(Boolean).join('：');
  const event = { type: 'supplement-answer' as const, round: a.round, fields: a.fields, note, ...(pages.length > 0 ? { attachments: pages } : {}) };
  return ok([{ status: 'received', reason: `已補件：${what}`.slice(0, 500), answer: null, event }]);
}
