import type { BatchFile, BatchListQuery } from '../../shared/platform/batches';
import type { TokenKind } from '../../shared/platform/endpoints';
import type { StatsResponse, StatDimension } from '../../shared/platform/stats';
import type { ChangeEvent, ChangesResponse, InboxEntry, InboxQuery, NotificationEnvelope, StatusChange, SubmitResult, VerificationAnswer } from '../../shared/platform/wire';
import type { NotificationStatus } from '../../shared/cases/schema';
import type { OverdueCandidate } from '../overdue/repo';
import type { ProgressItemRow, StoredProgressRecord } from '../progress/repo';
import type { ProgressRegistration } from '../../shared/progress/register';
import type { RetentionCounts, RetentionStep } from '../retention/repo';
import type { AuditDraft, MailDraft } from './drafts';
import type { RateWindowStore } from './rateWindowsRepo';
import type { SigningKeyStore } from '../signing/keyRepo';
import type { EvidenceLog, LoggedMessage } from '../signing/logRepo';
import type { LogEntry } from '../../shared/signing/schema';
import type { SupplementPage } from '../../shared/platform/supplementPages';
import type { EvidenceStore } from '../evidence/repo';

export type { AuditDraft, MailDraft } from './drafts';

/** What a transition records beside its change (see PlatformStore.transition). */
export type TransitionRecord = { message?: LoggedMessage; answerPages?: readonly SupplementPage[] };
export type TransitionOutcome =
  | { ok: true; entry: InboxEntry; changes: StatusChange[]; officeCode: string; receivers: string[]; logged?: LogEntry }
  | { ok: false; code: 'NOT_FOUND' | DecisionRefusal }
  /** The log already holds this message id: nothing applied, the original entry. */
  | { ok: false; code: 'REPLAYED'; logged: LogEntry };

/**
 * What the platform needs from storage, and nothing about HTTP. Two implementations share one set of
 * SQL (./sqlStore.ts over the SQLite or Postgres driver); every test in store.contract.test.ts runs
 * against both. Write methods take the audit entry they must commit with, so work and record land
 * (or vanish) together.
 */

export type TokenRecord = {
  jti: string;
  kind: TokenKind;
  /** `workstation:FS01/FS01-W01`, `agency:KH-TAX/desk-1`, `admin:ops` */
  subject: string;
  officeCode: string | null;
  workstationId: string | null;
  agencyCode: string | null;
  clientId: string | null;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
};

export type EnrolCodeRecord = {
  codeHash: string;
  kind: 'workstation' | 'agency';
  officeCode: string | null;
  workstationId: string | null;
  agencyCode: string | null;
  /** null: any client id of that agency may use it. */
  clientId: string | null;
  /** Demo codes only: may be redeemed again (the demo counter enrols at every start). */
  reusable: boolean;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
};


export type PendingMail = MailDraft & { id: number; attempts: number; nextAttemptMs: number };

/** A stored notification as the lifecycle logic sees it. */
export type NotificationState = {
  id: string;
  kind: 'notification' | 'verification';
  officeCode: string;
  receiverAgency: string;
  caseNo: string;
  status: NotificationStatus;
  itemCode: string;
  /** Agencies that held it before the current receiver, oldest first (改分 chain; issue 14). */
  previousReceivers: string[];
  /** The open 補件 round (null: none open) and the number of rounds so far. */
  openSupplement: number | null;
  supplementRounds: number;
};

/** Codes a lifecycle decision may refuse with. */
export type DecisionRefusal = 'INVALID_TRANSITION' | 'ACTION_NOT_ALLOWED' | 'FORBIDDEN' | 'TRANSFER_KIND' | 'TRANSFER_LOOP' | 'SUPPLEMENT_OPEN' | 'SUPPLEMENT_ROUND';

/** One change the lifecycle decided to record. */
export type ChangeDraft = { status: NotificationStatus; reason: string | null; answer: VerificationAnswer | null; event?: ChangeEvent };

export type Decision = { ok: true; changes: ChangeDraft[] } | { ok: false; code: DecisionRefusal };

export type MessageLogEntry = {
  at: string;
  requestId: string;
  messageIds: string[] | null;
  client: string | null;
  clientKind: string | null;
  ip: string | null;
  method: string;
  route: string;
  target: string | null;
  status: number;
  errorCode: string | null;
  bodySha256: string | null;
  bodyBytes: number;
  durationMs: number;
};

export type StoredBatch = Omit<BatchFile, 'period'> & { period: string | null };

export type StatsFilter = {
  from?: string | undefined;
  to?: string | undefined;
  item?: string | undefined;
  agency?: string | undefined;
  office?: string | undefined;
  kind?: 'notification' | 'verification' | undefined;
  groupBy: StatDimension[];
};

export type StoreCounts = { notifications: number; changes: number; batches: number; tokens: number; enrolCodes: number; audit: number; mails: number };

export interface PlatformStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** Rate-limit windows shared by every node (PostgreSQL); null on SQLite, whose one process counts in memory. */
  readonly rateWindows: RateWindowStore | null;
  /** Workstations' registered signing keys (issue 15). */
  readonly signingKeys: SigningKeyStore;
  /** The hash-chained message log behind receipts and evidence (issue 15). */
  readonly evidenceLog: EvidenceLog;
  /** Consent evidence files and their links to notifications (issue 14 §2, platform/evidence/repo.ts). */
  readonly evidence: EvidenceStore;
  close(): Promise<void>;
  /** One trivial query: the health check's proof the database answers. */
  ping(): Promise<void>;

  /** Returns the stored value, or stores `value` when the key is absent (first writer wins). */
  metaGetOrSet(key: string, value: string): Promise<string>;

  addEnrolCode(rec: EnrolCodeRecord, audit: AuditDraft): Promise<void>;
  /** Atomically: the code admits the client (checked by `admits`), is marked used, the token is stored. */
  redeemEnrolCode(codeHash: string, admits: (rec: EnrolCodeRecord) => boolean, token: TokenRecord, audit: AuditDraft, signingKey?: { keyId: string; publicKey: string }): Promise<boolean>;
  addToken(rec: TokenRecord, audit: AuditDraft): Promise<void>;
  getToken(jti: string): Promise<TokenRecord | null>;
  /** Revokes one jti, or every token of a subject; returns how many. */
  revokeTokens(by: { jti: string } | { subject: string }, at: string, audit: AuditDraft): Promise<number>;

  /**
   * Stores the envelopes not seen before, each with its first `delivered` change and, for verification
   * requests, its alert mail; returns one result per envelope in order. Ids already stored answer
   * `duplicate` with the original delivery time (or `rejected` ID_CONFLICT when another office owns the id).
   * An envelope's `message`, when given and the envelope is held, is logged in the same transaction.
   */
  submit(office: string, envelopes: { envelope: NotificationEnvelope; bodySha256: string; message?: LoggedMessage }[], mails: MailDraft[], actor: string, now: Date, audit: AuditDraft): Promise<SubmitResult[]>;
  /** `nowMs`: the instant `q.overdue` compares deadlines with (逾時未回報, issue 7). */
  inbox(agency: string, q: InboxQuery, nowMs?: number): Promise<{ entries: InboxEntry[]; nextCursor: number | null }>;
  getEntry(id: string): Promise<InboxEntry | null>;
  /**
   * Applies the lifecycle's decision for this notification in one transaction. With `record`, the
   * same transaction first refuses a message id the log already holds (`REPLAYED`: two identical
   * signed messages racing are applied once), then logs the message and links a 補件 answer's pages,
   * so the change, its log entry and its files land (or vanish) together.
   */
  transition(id: string, decide: (s: NotificationState) => Decision, actor: string, now: Date, audit: AuditDraft, record?: TransitionRecord): Promise<TransitionOutcome>;
  /** The transfers and 補件 rounds of one notification, oldest first, with its current receiver and office. */
  thread(id: string): Promise<{ officeCode: string; receiverAgency: string; events: StatusChange[] } | null>;
  changes(office: string, cursor: number, limit: number): Promise<ChangesResponse>;
  /** Citizen progress lookup: the case's code record (null when none), and its notifications' statuses. */
  progressRecord(caseNo: string): Promise<StoredProgressRecord | null>;
  progressItems(caseNo: string): Promise<ProgressItemRow[]>;
  /** Registers cases saved at the counter, all of `office` (issue 13): records and items, with the audit entry, in one transaction. */
  registerProgress(office: string, records: readonly ProgressRegistration[], at: string, audit: AuditDraft): Promise<void>;

  putBatch(batch: StoredBatch, content: Buffer, audit: AuditDraft): Promise<{ outcome: 'accepted' | 'duplicate'; batch: StoredBatch } | { outcome: 'conflict' }>;
  listBatches(agency: string, q: BatchListQuery): Promise<{ batches: StoredBatch[]; nextCursor: number | null }>;
  getBatch(id: string): Promise<StoredBatch | null>;
  getBatchContent(id: string): Promise<Buffer | null>;

  stats(filter: StatsFilter): Promise<StatsResponse>;

  logMessage(entry: MessageLogEntry): Promise<void>;
  /** Message-log retention: deletes up to `limit` rows older than `before`; returns how many. */
  pruneMessages(before: string, limit: number): Promise<number>;
  /** Newest first; for admins' usage reports and for tests. */
  messages(filter: { requestId?: string; client?: string; limit: number }): Promise<MessageLogEntry[]>;
  appendAudit(draft: AuditDraft): Promise<void>;
  verifyAudit(): Promise<{ ok: true; rows: number } | { ok: false; brokenAt: number }>;

  /** 逾時未回報檢核 (platform/overdue/repo.ts): fills due_ms of open rows, lists overdue rows not reminded on `day`, claims them with one mail per agency. */
  fillDueDates(compute: (itemCode: string, deliveredMs: number) => number | null, basis?: string): Promise<number>;
  overdueToRemind(nowMs: number, day: string): Promise<OverdueCandidate[]>;
  queueOverdueReminders(day: string, at: string, nowMs: number, agency: string, rows: OverdueCandidate[], build: (claimed: OverdueCandidate[]) => MailDraft): Promise<{ notifications: number; mail: boolean }>;

  /** Retention purge (platform/retention/repo.ts): strips closed notifications past their cutoff, paged, then one audit row (none on a dry run). */
  purgeRetention(steps: RetentionStep[], opts: { dryRun: boolean; nowMs: number }, audit: (c: RetentionCounts) => AuditDraft): Promise<RetentionCounts>;

  dueMails(nowMs: number, limit: number): Promise<PendingMail[]>;
  /** Leases a due mail to this worker until `leaseUntilMs` (so two nodes never send it twice at once). */
  claimMail(id: number, expectedNextMs: number, leaseUntilMs: number): Promise<boolean>;
  mailSent(id: number, at: string): Promise<void>;
  mailFailed(id: number, error: string, nextAttemptMs: number): Promise<void>;

  counts(): Promise<StoreCounts>;
}
