import { useEffect, useRef, useState } from 'react';
import { NOTIFICATION_STATUS_LABEL, type NotificationStatus } from '../../../shared/cases/schema';
import type { InboxItem } from '../../../shared/contract/syncApi';
import { call } from '../api/client';
import { rocDateTime, rocShort } from '../lib/format';
import { taipeiDayOf } from '../../../shared/overdue/deadline';
import { useInbox, type InboxFilters } from '../stores/inbox';
import { useSession } from '../stores/session';
import { InboxDetail } from './inbox/InboxDetail';
import { ScreenLinks } from '../components/ScreenLinks';
import { onRowKeys } from '../keyboard/rowKeys';


const STATUSES: NotificationStatus[] = ['delivered', 'received', 'completed', 'rejected'];
/** Background refresh while the list is on screen (a passive call: no audit row, no idle refresh). */
const REFRESH_MS = 3000;

/**
 * The receiving agency's inbox (agency_clerk): notifications and 檢證 requests from the counters,
 * keyboard-first. Opening an item signs for it (→ 機關已收); then 完成, 退回 with a reason, or for a
 * 檢證 an answer that appears on the counter's open case within a second or so.
 */
export function InboxScreen() {
  const catalogue = useSession((s) => s.catalogue);
  const user = useSession((s) => s.user);
  const { filters, page, error, setFilters, load } = useInbox();
  const [open, setOpen] = useState<InboxItem | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const statusRef = useRef<HTMLSelectElement>(null);
  const lastOpened = useRef<string | null>(null);

  useEffect(() => {
    void load(true);
  }, [load]);

  useEffect(() => {
    if (open) return;
    const t = window.setInterval(() => void load(false), REFRESH_MS);
    return () => window.clearInterval(t);
  }, [load, open]);

  useEffect(() => {
    if (open) return;
    // Back from an item: focus its row again, else the first row, else the filters.
    const sel = lastOpened.current ? `button[data-id="${lastOpened.current}"]` : 'button.case-link';
    (document.querySelector<HTMLButtonElement>(`.table--inbox ${sel}`) ?? statusRef.current)?.focus();
  }, [open]);

  const items = catalogue?.items.filter((i) => i.receiverAgency === user?.officeCode) ?? [];

  const openItem = async (id: string) => {
    lastOpened.current = id;
    const r = await call('inbox.open', { id });
    if (r.ok) {
      setOpenError(null);
      setOpen(r.value);
    } else setOpenError(r.error.message);
  };

  if (open) {
    return (
      <InboxDetail
        item={open}
        onChanged={(next) => setOpen(next)}
        onClose={() => {
          setOpen(null);
          void load(false);
        }}
      />
    );
  }

  return (
    <div className="inbox">
      <div className="home__top">
        <h1 className="page-title">{page?.agencyName ?? '本機關'} 收件匣</h1>
        <ScreenLinks role={user?.role ?? null} />
      </div>
      <div className="card inbox__filters" role="search" aria-label="篩選">
        <label className="field__label" htmlFor="inbox-status">
          狀態
        </label>
        <select id="inbox-status" ref={statusRef} className="input" value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value as InboxFilters['status'] })}>
          <option value="">全部</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {NOTIFICATION_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <label className="field__label" htmlFor="inbox-item">
          項目
        </label>
        <select id="inbox-item" className="input" value={filters.item} onChange={(e) => setFilters({ ...filters, item: e.target.value })}>
          <option value="">全部項目</option>
          {items.map((i) => (
            <option key={i.code} value={i.code}>
              {i.code} {i.title}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={filters.today} onChange={(e) => setFilters({ ...filters, today: e.target.checked })} /> 只看今日送達
        </label>
        <label className="check">
          {/* Deliveries of today are never overdue: the two filters exclude each other. */}
          <input type="checkbox" data-testid="inbox-overdue" checked={filters.overdue ?? false} onChange={(e) => setFilters({ ...filters, overdue: e.target.checked, today: e.target.checked ? false : filters.today })} /> 只看逾時未回報
        </label>
      </div>
      {(error ?? openError) && (
        <p className="banner banner--error" role="alert">
          {error ?? openError}
        </p>
      )}
      <section className="card" aria-labelledby="inbox-list-title">
        <h2 id="inbox-list-title" className="card__title">
          通報與檢證（{page && page.entries.length >= 200 ? `最新 ${page.entries.length} 件，更早的請以篩選縮小範圍` : `${page?.entries.length ?? 0} 件`}，由新到舊）
        </h2>
        {!page ? (
          <p className="empty">載入中…</p>
        ) : page.entries.length === 0 ? (
          <p className="empty">沒有符合條件的通報。</p>
        ) : (
          <table className="table table--inbox">
            <thead>
              <tr>
                <th scope="col">送達時間</th>
                <th scope="col">案件編號</th>
                <th scope="col">項目</th>
                <th scope="col">民眾</th>
                <th scope="col">來文機關</th>
                <th scope="col">狀態</th>
              </tr>
            </thead>
            <tbody onKeyDown={onRowKeys}>
              {page.entries.map((e) => (
                <tr key={e.id}>
                  <td className="mono">{rocDateTime(e.deliveredAt)}</td>
                  <td>
                    <button type="button" className="case-link mono" data-id={e.id} onClick={() => void openItem(e.id)}>
                      {e.caseNo}
                    </button>
                  </td>
                  <td>
                    {e.itemCode} {e.itemTitle}
                    {e.kind === 'verification' && <span className="badge badge--verification">檢證</span>}
                  </td>
                  <td>
                    {e.person.name} <span className="mono">{e.person.id}</span>
                  </td>
                  <td>{e.officeName}</td>
                  <td>
                    <span className={`status status--${e.status}`}>{e.statusLabel}</span>
                    {e.overdue && e.dueAt && <span className="badge badge--overdue">逾時（期限 {rocShort(taipeiDayOf(new Date(e.dueAt)))}）</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
