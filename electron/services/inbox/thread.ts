import { labelledFields } from '../../../shared/cases/display';
import type { ThreadEntry } from '../../../shared/contract/inboxThreadApi';
import type { NotificationThread } from '../../../shared/platform/wire';
import type { ServiceContext } from '../context';
import { agencyFor, type InboxDeps } from './inbox';

/**
 * A notification's thread as the agency clerk reads it (issue 14): each 改分 with both agencies'
 * names and the reason, each 補件 request and the counter's answer (fields labelled by the item,
 * the note, the scanned files by hash), oldest first. A read of what the platform holds; the
 * inbox list and the opened item are what is audited.
 */
export async function inboxThread(deps: InboxDeps, id: string, itemCode?: string): Promise<{ id: string; entries: ThreadEntry[] }> {
  const agency = agencyFor(deps);
  const thread = await agency.client.call('notificationThread', { params: { id }, query: {} });
  return { id, entries: threadEntries(deps.ctx, thread, itemCode) };
}

/** `itemCode` labels the answered fields (the platform's thread does not repeat the item); unknown keys show as sent. */
export function threadEntries(ctx: Pick<ServiceContext, 'catalogue'>, thread: NotificationThread, itemCode?: string): ThreadEntry[] {
  const name = (code: string) => ctx.catalogue.agencies.find((a) => a.code === code)?.name ?? code;
  const item = ctx.catalogue.items.find((i) => i.code === itemCode);
  return thread.events.map((e): ThreadEntry => {
    const ev = e.event;
    switch (ev.type) {
      case 'transfer':
        // The platform's change reason reads 「改分：<the agency's reason>」.
        return { type: 'transfer', at: e.at, actor: e.actor, fromName: name(ev.from), toName: name(ev.to), reason: e.reason?.replace(/^改分：/, '') ?? null };
      case 'supplement-request':
        return { type: 'supplement-request', at: e.at, actor: e.actor, round: ev.round, missing: ev.missing, dueDate: ev.dueDate };
      case 'supplement-answer': {
        const known = item ? labelledFields(item.fields, ev.fields).map(({ key, label, value }) => ({ key, label, value })) : [];
        const rest = Object.entries(ev.fields).filter(([k]) => !known.some((f) => f.key === k)).map(([label, v]) => ({ label, value: Array.isArray(v) ? v.join('、') : String(v) }));
        const fields = [...known.map(({ label, value }) => ({ label, value })), ...rest];
        return { type: 'supplement-answer', at: e.at, actor: e.actor, round: ev.round, fields, note: ev.note, pages: ev.attachments ?? [] };
      }
    }
  });
}
