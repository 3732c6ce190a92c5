import type { Migration } from '../migrate';
import { m001Initial } from './001_initial';
import { m002Sync } from './002_sync';
import { m003Scanning } from './003_scanning';
import { m004UserCertificates } from './004_user_certificates';
import { m005Timeline } from './005_timeline';
import { m006Progress } from './006_progress';
import { m007Accounts } from './007_accounts';
import { m008AuditSingleSuccessor } from './008_audit_single_successor';
import { m009CaseModel } from './009_case_model';
import { m010LoginThrottle } from './010_login_throttle';
import { m011StatsLifeEvent } from './011_stats_life_event';
import { m012RetentionPendingFiles } from './012_retention_pending_files';
import { m013SupplementRequests } from './013_supplement_requests';
import { m014PlatformReceipts } from './014_platform_receipts';
import { m015SupplementAnswerQueue } from './015_supplement_answer_queue';
import { m016PinnedPlatformKey } from './016_pinned_platform_key';
import { m017ProgressRegistration } from './017_progress_registration';
import { m018CaseSignatures } from './018_case_signatures';
import { m019StatsCells } from './019_stats_cells';
import { m020StatsSamplesOpen } from './020_stats_samples_open';
import { m021StatsCasesByEvent } from './021_stats_cases_by_event';

/** Numbered migrations, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [m001Initial, m002Sync, m003Scanning, m004UserCertificates, m005Timeline, m006Progress, m007Accounts, m008AuditSingleSuccessor, m009CaseModel, m010LoginThrottle, m011StatsLifeEvent, m012RetentionPendingFiles, m013SupplementRequests, m014PlatformReceipts, m015SupplementAnswerQueue, m016PinnedPlatformKey, m017ProgressRegistration, m018CaseSignatures, m019StatsCells, m020StatsSamplesOpen, m021StatsCasesByEvent];
