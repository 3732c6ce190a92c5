import { useEffect, useRef, useState } from 'react';
import type { OverdueList } from '../../../shared/overdue/view';
import { taipeiDayOf } from '../../../shared/overdue/deadline';
import { call } from '../api/client';
import { rocDateTime, rocShort } from '../lib/format';
import { go } from '../stores/route';
import './OverdueScreen.css';
import { onRowKeys } from '../keyboard/rowKeys';

const rocDay = (iso: string): string => rocShort(taipeiDayOf(new Date(iso)));

/**
 * 逾時未回報案件 (issue 7, supervisors): this office's notifications whose receiving agency let the
 * processing time limit (行政程序法 §48 with the office calendar) pass without completing or
 * returning them, most days overdue first. Case numbers and dates only — no personal data here.
 */
export function OverdueScreen() {
  const [list, setList] = useState<OverdueList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const firstRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void call('overdue.list', { limit: 500 }).then((r) => {
      if (!live) return;
      if (r.ok) setList(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (list) firstRef.current?.focus();
  }, [list]);

  return (
    <div className="home">
      <div className="home__top">
        <h1 className="page-title">逾時未回報案件</h1>
        <button type="button" className="button" onClick={() => go({ screen: 'home' })}>
          回首頁 <kbd>Esc</kbd>
        </button>
      </div>
      <p className="field__help">
        處理期限依各項目處理時限，自平台送達次日起算；期間末日逢週六、週日或放假日，以次一上班日為末日（行政程序法第48條，依人事總處辦公日曆）。
        接收機關回報辦理完成或退回即移出本表。
      </p>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <section className="card" aria-labelledby="overdue-title">
        <h2 id="overdue-title" className="card__title" data-testid="overdue-total">
          {list ? `逾時未回報：${list.total} 筆${list.rows.length < list.total ? `（顯示逾期最久的 ${list.rows.length} 筆）` : ''}` : '載入中…'}
        </h2>
        {list && list.rows.length === 0 && <p className="empty">目前沒有逾時未回報的通報。</p>}
        {list && list.rows.length > 0 && (
          <table className="table table--overdue" data-testid="overdue-table">
            <caption className="sr-only">逾時未回報的通報，依逾期日數由多到少排列；上下鍵選擇，Enter 開啟案件</caption>
            <thead>
              <tr>
                <th scope="col">案件編號</th>
                <th scope="col">項目</th>
                <th scope="col">接收機關</th>
                <th scope="col">狀態</th>
                <th scope="col">送達時間</th>
                <th scope="col">處理期限</th>
                <th scope="col" className="num">逾期日數</th>
              </tr>
            </thead>
            <tbody onKeyDown={onRowKeys}>
              {list.rows.map((r, i) => (
                <tr key={r.notificationId}>
                  <td>
                    <button
                      ref={i === 0 ? firstRef : undefined}
                      type="button"
                      className="case-link mono"
                      aria-label={`開啟案件 ${r.caseNo}（${r.itemTitle}，逾期 ${r.daysOverdue} 日）`}
                      onClick={() => go({ screen: 'case', caseNo: r.caseNo })}
                    >
                      {r.caseNo}
                    </button>
                  </td>
                  <td>
                    <span className="item-card__code">{r.itemCode}</span> {r.itemTitle}
                  </td>
                  <td>{r.receiverName}</td>
                  <td>
                    <span className={`status status--${r.status}`}>{r.statusLabel}</span>
                  </td>
                  <td className="mono">{rocDateTime(r.deliveredAt)}</td>
                  <td className="mono">{rocDay(r.dueAt)}</td>
                  <td className="num num--late">{r.daysOverdue} 日</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {list && <OpenSupplements rows={list.supplements} />}
    </div>
  );
}

/** 補件 requests agencies made that the office has not answered yet (issue 14 §3), earliest due date first. */
function OpenSupplements({ rows }: { rows: OverdueList['supplements'] }) {
  return (
    <section className="card" aria-labelledby="overdue-supplements-title">
      <h2 id="overdue-supplements-title" className="card__title" data-testid="overdue-supplements-total">
        待補件：{rows.length} 件
      </h2>
      {rows.length === 0 ? (
        <p className="empty">目前沒有機關的補件要求待回覆。</p>
      ) : (
        <table className="table table--overdue" data-testid="overdue-supplements">
          <caption className="sr-only">機關要求補件、本所尚未回覆的通報，依補件期限排列；上下鍵選擇，Enter 開啟案件</caption>
          <thead>
            <tr>
              <th scope="col">案件編號</th>
              <th scope="col">項目</th>
              <th scope="col">要求機關</th>
              <th scope="col">欠缺項目</th>
              <th scope="col">要求時間</th>
              <th scope="col">補件期限</th>
            </tr>
          </thead>
          <tbody onKeyDown={onRowKeys}>
            {rows.map((r) => (
              <tr key={`${r.notificationId}#${r.round}`}>
                <td>
                  <button type="button" className="case-link mono" aria-label={`開啟案件 ${r.caseNo}（${r.itemTitle}，待補件）`} onClick={() => go({ screen: 'case', caseNo: r.caseNo })}>
                    {r.caseNo}
                  </button>
                </td>
                <td>{r.itemTitle}</td>
                <td>{r.receiverName}</td>
                <td>{r.missing.join('、')}</td>
                <td className="mono">{rocDateTime(r.requestedAt)}</td>
                <td className={r.late ? 'mono num--late' : 'mono'}>
                  {rocShort(r.dueDate)}
                  {r.late && '（已逾期）'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The home screen's 「逾時未回報 (N)」 button, for the roles that may read the list. */
export function OverdueButton() {
  const [total, setTotal] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void call('overdue.count', {}).then((r) => {
      if (live && r.ok) setTotal(r.value.total);
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <button type="button" className="button" data-testid="overdue-button" onClick={() => go({ screen: 'overdue' })}>
      逾時未回報{total !== null && <span className={total > 0 ? 'badge badge--overdue' : 'badge'}>{total}</span>}
    </button>
  );
}
