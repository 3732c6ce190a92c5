import { useEffect, useState } from 'react';
import { mayCall } from '../../../../shared/auth/permissions';
import type { CaseSupplement } from '../../../../shared/contract/supplementsApi';
import { call } from '../../api/client';
import { rocDateTime, rocLong } from '../../lib/format';
import { useSession } from '../../stores/session';
import { useSync } from '../../stores/sync';
import { SupplementAnswerForm } from './SupplementAnswerForm';

const STATE: Record<CaseSupplement['state'], string> = { open: '待補件', queued: '已回覆，待送平台', refused: '平台未接受回覆', answered: '已補件', transferred: '已改分，免回覆' };

/**
 * 補件 requests of this case (issue 14 §3): an agency's open request shows at once (refreshed when
 * the sync engine records a change), with who asks for what by when and the answer form; answered
 * rounds stay listed with what was sent.
 */
export function CaseSupplements({ caseNo }: { caseNo: string }) {
  const changeSeq = useSync((s) => s.status?.changeSeq ?? 0);
  const role = useSession((s) => s.user?.role ?? null);
  const [rounds, setRounds] = useState<CaseSupplement[]>([]);
  const [answering, setAnswering] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let alive = true;
    void call('supplements.forCase', { caseNo }).then((r) => {
      if (alive && r.ok) setRounds(r.value);
    });
    return () => {
      alive = false;
    };
  }, [caseNo, changeSeq, nonce]);

  if (rounds.length === 0) return null;
  const open = rounds.filter((r) => r.state === 'open' || r.state === 'refused' || r.state === 'queued').length;
  const mayAnswer = mayCall(role, 'supplements.answer');
  const key = (r: CaseSupplement) => `${r.notificationId}#${r.round}`;

  return (
    <section className="card" aria-labelledby="case-supplements" data-testid="case-supplements">
      <h2 id="case-supplements" className="card__title">
        機關補件要求{open > 0 ? `（待補件 ${open} 件）` : ''}
      </h2>
      {rounds.map((r) => (
        <article key={key(r)} className={`banner${r.state === 'open' || r.state === 'refused' ? ' banner--warn' : ''}`} data-testid="supplement-round">
          <p>
            <strong>{r.agencyName}</strong> 就「{r.itemTitle}」第 {r.round} 次要求補件（{rocDateTime(r.requestedAt)}），期限 {rocLong(r.dueDate)}
            {r.late && <span className="badge badge--overdue">已逾期</span>} · <span className="status">{STATE[r.state]}</span>
          </p>
          <ul>
            {r.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          {r.refusal && <p role="alert">平台未接受：{r.refusal}，請重新回覆。</p>}
          {r.answer && (
            <p>
              回覆（{r.answeredAt ? rocDateTime(r.answeredAt) : ''}）：{[...r.answer.fields.map((f) => `${f.label}「${f.value}」`), r.answer.note, r.answer.pages.length > 0 ? `掃描文件 ${r.answer.pages.length} 件` : null].filter(Boolean).join('；')}
            </p>
          )}
          {mayAnswer && (r.state === 'open' || r.state === 'refused') && answering !== key(r) && (
            <button type="button" className="button button--primary" onClick={() => setAnswering(key(r))}>
              回覆補件…
            </button>
          )}
          {answering === key(r) && (
            <SupplementAnswerForm
              caseNo={caseNo}
              round={r}
              onCancel={() => setAnswering(null)}
              onDone={() => {
                setAnswering(null);
                setNonce((n) => n + 1);
              }}
            />
          )}
        </article>
      ))}
    </section>
  );
}
