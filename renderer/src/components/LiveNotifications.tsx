import type { NotificationView } from '../../../shared/cases/schema';
import { CASE_WRITERS } from '../../../shared/auth/roles';
import { useCaseProgress } from '../lib/useCaseProgress';
import { useSession } from '../stores/session';
import { NotificationsTable } from './NotificationsTable';
import { PaperFallback } from './PaperFallback';
import { VerificationAnswers } from './VerificationAnswers';

/** The case's notifications with live statuses, 檢證 answers, and the paper fallback for queued items. */
export function LiveNotifications({ caseNo, notifications }: { caseNo: string; notifications: NotificationView[] }) {
  const { progress, reload } = useCaseProgress(caseNo);
  const user = useSession((s) => s.user);
  const byId = new Map(progress?.notifications.map((p) => [p.id, p]) ?? []);
  const merged = notifications.map((n) => {
    const p = byId.get(n.id);
    return p ? { ...n, status: p.status, statusLabel: p.statusLabel, statusReason: p.statusReason, events: p.events } : n;
  });
  const waiting = (progress?.notifications ?? []).filter((p) => p.outbox === 'pending' || p.outbox === 'failed');
  return (
    <>
      <VerificationAnswers notifications={notifications} progress={progress} />
      <NotificationsTable notifications={merged} />
      {user && CASE_WRITERS.includes(user.role) && waiting.length > 0 && (
        <PaperFallback caseNo={caseNo} waiting={waiting} notifications={notifications} onChanged={reload} />
      )}
    </>
  );
}
