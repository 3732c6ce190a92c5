import { Fragment } from 'react';
import type { ThreadEntry } from '../../../../shared/contract/inboxThreadApi';
import { rocDateTime, rocLong } from '../../lib/format';
import { usePolledCall } from '../../lib/usePolledCall';

/**
 * The notification's thread (issue 14): each 改分 and each 補件 round with the counter's answer
 * (fields, note, scanned files by hash), oldest first. Nothing to show: nothing rendered.
 */
export function InboxThread({ id, itemCode, version }: { id: string; itemCode: string; version: string }) {
  // While the item is open the thread refreshes in the background, so the counter's answer shows up by itself.
  const { value, error } = usePolledCall('inbox.thread', { id, itemCode }, version);
  const entries = value?.entries ?? null;

  if (error) return <p className="banner banner--error">{error}</p>;
  if (!entries || entries.length === 0) return null;
  return (
    <section className="card" aria-labelledby="inbox-thread" data-testid="inbox-thread">
      <h2 id="inbox-thread" className="card__title">
        改分與補件紀錄
      </h2>
      <ol className="thread">
        {entries.map((e, i) => (
          <li key={i} className={`thread__entry thread__entry--${e.type}`}>
            <p>
              <span className="mono">{rocDateTime(e.at)}</span> · <ThreadHeadline entry={e} />
            </p>
            {e.type === 'supplement-request' && (
              <ul>
                {e.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
            {e.type === 'supplement-answer' && <AnswerBody entry={e} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ThreadHeadline({ entry: e }: { entry: ThreadEntry }) {
  switch (e.type) {
    case 'transfer':
      return (
        <>
          改分：{e.fromName} → {e.toName}
          {e.reason ? `（理由：${e.reason}）` : ''}
        </>
      );
    case 'supplement-request':
      return (
        <>
          第 {e.round} 次要求補件，期限 {rocLong(e.dueDate)}：
        </>
      );
    case 'supplement-answer':
      return <>戶政事務所回覆第 {e.round} 次補件：</>;
  }
}

function AnswerBody({ entry: e }: { entry: Extract<ThreadEntry, { type: 'supplement-answer' }> }) {
  return (
    <dl className="facts" data-testid="supplement-answer">
      {e.fields.map((f) => (
        <Fragment key={f.label}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </Fragment>
      ))}
      {e.note && (
        <>
          <dt>說明</dt>
          <dd>{e.note}</dd>
        </>
      )}
      {e.pages.length > 0 && (
        <>
          <dt>掃描文件</dt>
          <dd>
            {e.pages.map((p) => (
              <div key={p.sha256}>
                {p.pages} 頁 · SHA-256 <span className="mono">{p.sha256.slice(0, 16)}…</span>
              </div>
            ))}
          </dd>
        </>
      )}
    </dl>
  );
}
