import { NOTIFICATION_STATUS_LABEL, type NotificationStatus } from '../../../../shared/cases/schema';
import type { Granularity } from '../../../../shared/stats/dashboard';

export const GRANULARITY_LABEL: Record<Granularity, string> = { day: '日', week: '週', month: '月' };

/** The funnel's stages in the words of the counter (each counts notifications that got at least this far). */
export const FUNNEL_LABEL = { created: '已建立', delivered: '平台已收', received: '機關已收', closed: '已結案' } as const;

/** Status order for stacked bars and tables: the lifecycle first, then the ways it stops. */
export const STATUS_ORDER: readonly NotificationStatus[] = ['queued', 'sent', 'delivered', 'received', 'completed', 'rejected', 'failed'];

export const statusLabel = (s: NotificationStatus): string => NOTIFICATION_STATUS_LABEL[s];

/** Status colours, matching the status chips in tables.css where there is one. */
export const STATUS_COLOR: Record<NotificationStatus, string> = {
  queued: '#c58a1c',
  sent: '#6d8fb8',
  delivered: '#1d4e89',
  received: '#2f8f6b',
  completed: '#0b6e4f',
  rejected: '#b3261e',
  failed: '#7a1d16',
};

export const KIND_LABEL = { notification: '通報', verification: '檢證' } as const;
