import type { InboxItem } from '../../../shared/contract/syncApi';
import { NOTIFICATION_STATUS_LABEL } from '../../../shared/cases/schema';
import type { AgencyAction, InboxEntry } from '../../../shared/platform/wire';
import { maskPersonId } from '../../../shared/privacy/mask';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import { display } from '../cases/formModel';
import type { Actor, ServiceContext } from '../context';
import type { PlatformClient } from '../platform-client/client';
import type { SyncRuntime } from '../sync/runtime';
import { keyStoreFor } from '../signing/keyStore';
import { signingClient } from '../signing/signingClient';

/**
 * The receiving agency's inbox, worked from this app. How an agency workstation is set up: its
 * users have role `agency_clerk` and their office code is the agency's catalogue code (e.g.
 * KH-TAX); IT enrols the agency once on that install (`npm run counter -- enroll --agency KH-TAX
 * --platform URL --code …`), and every inbox call is proxied to the platform with that agency's
 * credential. The app never talks to the platform as the agency for any other agency's user.
 */
export type InboxDeps = { ctx: ServiceContext; sync: SyncRuntime; actor: Actor };

type Query = { status?: InboxEntry['status']; item?: string; from?: string; to?: string; overdue?: boolean | undefined; limit: number };

export function agencyFor(deps: InboxDeps): { code: string; name: string; client: PlatformClient } {
  const code = deps.actor.user.officeCode;
  const agency = deps.ctx.catalogue.agencies.find((a) => a.code === code);
  if (!agency) throw new AppFailure({ code: 'AGENCY_UNKNOWN', message: `帳號所屬單位「${code}」不是服務目錄中的接收機關` });
  const unsigned = deps.sync.agencyClient(code);
  if (!unsigned) {
    throw new AppFailure({
      code: 'AGENCY_NOT_ENROLLED',
      message: `本工作站尚未註冊「${agency.name}」的平台憑證，請資訊人員執行 npm run counter -- enroll --agency ${code} --platform 平台網址 --code 註冊碼`,
    });
  }
  // Issue 15: every action this agency sends is signed with the key its enrolment registered.
  const client = signingClient(unsigned, () => keyStoreFor(deps.ctx.db.name).load(`agency-${code}`));
  return { code, name: agency.name, client };
}

function toItem(ctx: ServiceContext, e: InboxEntry, full: boolean): InboxItem {
  const item = ctx.catalogue.items.find((i) => i.code === e.itemCode);
  return {
    id: e.id,
    caseNo: e.caseNo,
    officeCode: e.officeCode,
    officeName: ctx.catalogue.agencies.find((a) => a.code === e.senderAgency)?.name ?? e.officeCode,
    itemCode: e.itemCode,
    itemTitle: e.context?.itemTitle ?? item?.title ?? e.itemCode,
    lifeEventName: e.context?.lifeEventName ?? null,
    kind: e.kind,
    status: e.status,
    statusLabel: NOTIFICATION_STATUS_LABEL[e.status],
    payload: Object.entries(e.payload)
      .filter(([, v]) => v !== '')
      .map(([key, v]) => {
        // This workstation's catalogue formats known fields; the envelope's own label names the rest.
        const field = item?.fields.find((f) => f.key === key);
        return { label: field?.label ?? e.context?.labels[key] ?? key, value: display(field, v) };
      }),
    // Masked in lists; in full only when the clerk opens the item (an audited view).
    person: { id: full ? e.person.id : maskPersonId(e.person.id), name: e.person.name },
    deliveredAt: e.deliveredAt,
    updatedAt: e.updatedAt,
    reason: e.reason,
    answer: e.answer,
    dueAt: e.dueAt ?? null,
    overdue: e.overdue ?? false,
  };
}

function audit(deps: InboxDeps, action: string, detail: Record<string, unknown>, caseNo?: string): void {
  appendAudit(deps.ctx.db, {
    at: deps.ctx.clock.now().toISOString(), actorId: deps.actor.user.id, actor: deps.actor.user.username, action,
    caseNo: caseNo ?? null, detail, workstation: deps.actor.workstation, ip: deps.actor.ip,
  });
}

/** Pages the UI walks at most to show the newest entries first (the platform pages oldest first). */
const MAX_PAGES = 25;

/**
 * The inbox list, newest first, IDs masked. The platform pages oldest-first (a work queue); the
 * screen wants the latest deliveries on top, so this walks the pages and keeps the last `limit`.
 * A screen's own background refresh is not audited again.
 */
export async function listInbox(deps: InboxDeps, q: Query, options: { audit?: boolean } = {}): Promise<{ agencyCode: string; agencyName: string; entries: InboxItem[]; nextCursor: number | null }> {
  const agency = agencyFor(deps);
  const { limit, overdue, ...rest } = q;
  const filters = { ...rest, ...(overdue ? { overdue: 'true' } : {}) }; // the platform's query string flag
  let entries: InboxEntry[] = [];
  let cursor: number | undefined;
  let more = false;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await agency.client.call('agencyInbox', { params: { agency: agency.code }, query: { ...filters, limit: 200, ...(cursor !== undefined ? { cursor } : {}) } });
    entries = entries.concat(res.entries).slice(-limit);
    more = res.nextCursor !== null;
    if (!more) break;
    cursor = res.nextCursor!;
  }
  if (options.audit !== false) audit(deps, 'agency.inbox', { agency: agency.code, filters, results: entries.length });
  return { agencyCode: agency.code, agencyName: agency.name, entries: entries.reverse().map((e) => toItem(deps.ctx, e, false)), nextCursor: more ? (cursor ?? null) : null };
}

async function act(deps: InboxDeps, client: PlatformClient, id: string, action: AgencyAction): Promise<InboxEntry> {
  const res = await client.call('notificationAction', { params: { id }, body: action });
  return res.entry;
}

/**
 * Opening an item is the agency's receipt (delivered → received) and shows the person's data in
 * full, so it is audited. `receive` on an item received or closed earlier changes nothing on the
 * platform and still answers with the item, so it doubles as the single-item read.
 */
export async function openInboxItem(deps: InboxDeps, id: string): Promise<InboxItem> {
  const agency = agencyFor(deps);
  const entry = await act(deps, agency.client, id, { action: 'receive' });
  audit(deps, 'agency.open', { agency: agency.code, notificationId: id, item: entry.itemCode }, entry.caseNo);
  return toItem(deps.ctx, entry, true);
}

export async function actOnInboxItem(deps: InboxDeps, id: string, action: AgencyAction): Promise<InboxItem> {
  const agency = agencyFor(deps);
  const entry = await act(deps, agency.client, id, action);
  audit(deps, 'agency.action', { agency: agency.code, notificationId: id, action: action.action }, entry.caseNo);
  return toItem(deps.ctx, entry, true);
}
