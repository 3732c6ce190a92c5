// The plain records write methods carry with them, kept apart from the store interface so the
// repositories it delegates to (overdue, retention, the audit log) can name them without importing
// the interface that names them back.

/** The audit entry a write commits with. */
export type AuditDraft = { at: string; actor: string; action: string; target?: string | null; detail?: Record<string, unknown> | null };

/** An alert mail queued in the same transaction as the notification it is about. */
export type MailDraft = { notificationId: string; to: string; subject: string; body: string };
