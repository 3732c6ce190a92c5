import { useEffect, useState } from 'react';
import { ROLE_LABEL } from '../../../shared/auth/roles';
import { SYNC_OPERATORS } from '../../../shared/contract/syncApi';
import { rocDateTime, timeOf } from '../lib/format';
import { useSession } from '../stores/session';
import { useSync } from '../stores/sync';
import { FailedList } from './FailedList';

/**
 * Always-visible sync strip (DESIGN.md §4): platform connection, last sync, queue length, failed
 * items with reasons, 立即重試 (F8), and a progress bar while a backlog drains.
 */
export function SyncStrip() {
  const user = useSession((s) => s.user);
  const { status, unreachable, retrying, start, stop, retry } = useSync();
  const [showFailed, setShowFailed] = useState(false);
  const canRetry = !!user && SYNC_OPERATORS.includes(user.role);

  useEffect(() => {
    if (!user) return;
    start();
    return stop;
  }, [user, start, stop]);

  useEffect(() => {
    if (!canRetry) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F8' || e.defaultPrevented) return;
      e.preventDefault();
      void retry(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canRetry, retry]);

  if (!user) return null;
  const agencyOnly = user.role === 'agency_clerk' || user.role === 'agency_admin';
  const state = unreachable ? 'down' : !status ? 'unknown' : !status.enrolled ? 'unenrolled' : status.online === false ? 'offline' : status.online ? 'online' : 'unknown';
  const label: Record<typeof state, string> = {
    down: '本機服務無回應',
    unknown: '連線確認中',
    unenrolled: '未註冊平台',
    offline: '平台離線',
    online: status?.pushConnected ? '平台已連線（即時）' : '平台已連線',
  };
  const draining = status?.draining && status.draining.total > 0 ? status.draining : null;

  return (
    <section className={`sync-strip sync-strip--${state}`} aria-label="同步狀態">
      <span className="sync-strip__state" role="status">
        <span className="sync-strip__dot" aria-hidden="true" />
        {label[state]}
      </span>
      {status && (
        <>
          <span>最後同步：{status.lastSyncAt ? rocDateTime(status.lastSyncAt) : '尚未同步'}</span>
          {!agencyOnly && (
            <span className={status.queued > 0 ? 'sync-strip__queued' : undefined}>
              待送 <strong data-testid="sync-queued">{status.queued}</strong> 件
              {status.consentHeld > 0 && `（另 ${status.consentHeld} 件待附簽名同意書）`}
              {status.held > 0 && `（另 ${status.held} 件已改寄紙本）`}
            </span>
          )}
          {!agencyOnly && status.failedCount > 0 && (
            <button type="button" className="sync-strip__failed" aria-expanded={showFailed} onClick={() => setShowFailed(!showFailed)}>
              送出失敗 {status.failedCount} 件
            </button>
          )}
          {draining && (
            <span className="sync-strip__progress">
              送出中 {draining.done}/{draining.total}
              <progress max={draining.total} value={draining.done} aria-label="送出進度" />
            </span>
          )}
          {/* Why sending stopped, read out when it changes (a region that is always there; see sync.css). */}
          <span className="sync-strip__live" role="status">
            {state === 'offline' || state === 'unenrolled' ? (
              <span className="sync-strip__error" title={status.lastError?.code}>
                {status.lastError?.message}
                {status.nextAttemptAt && state === 'offline' && `（將於 ${timeOf(status.nextAttemptAt)} 自動重試）`}
              </span>
            ) : (
              status.lastError && <span className="sync-strip__error">{status.lastError.message}</span>
            )}
          </span>
          {canRetry && !agencyOnly && status.enrolled && (
            <button type="button" className="button button--small" onClick={() => void retry(false)} disabled={retrying}>
              立即重試 <kbd>F8</kbd>
            </button>
          )}
        </>
      )}
      {unreachable && (
        <span className="sync-strip__error" role="alert">
          {unreachable}
        </span>
      )}
      {agencyOnly && <span className="sync-strip__who">{ROLE_LABEL[user.role]}</span>}
      {showFailed && status && status.failed.length > 0 && (
        <FailedList items={status.failed} total={status.failedCount} canRetry={canRetry} onRetry={() => void retry(true)} onClose={() => setShowFailed(false)} />
      )}
    </section>
  );
}
