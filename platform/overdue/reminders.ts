import type { Logger } from 'pino';
import type { Catalogue } from '../../shared/catalogue/schema';
import { taipeiDayOf } from '../../shared/overdue/deadline';
import type { Clock } from '../../electron/services/clock';
import { overdueMail } from '../mail/overdueMail';
import type { PlatformStore } from '../store/repository';
import type { PlatformDeadlines } from './deadline';

export type ReminderReport = { agencies: number; notifications: number; mails: number; skippedNoEmail: number };

/**
 * One reminder run: fill new deadlines, then for each receiving agency with overdue notifications not
 * reminded today (Taipei day), queue one mail to its contact address (agencies.json `email`). The
 * (notification, day) claim and the mail commit together, so a rerun or restart the same day queues
 * nothing twice; the mail worker sends it. Agencies without an address are logged and not claimed.
 */
export async function runOverdueReminders(deps: {
  store: PlatformStore; catalogue: Catalogue; deadlines: PlatformDeadlines; clock: Clock; logger: Logger; publicUrl: string | null;
}): Promise<ReminderReport> {
  const { store, catalogue, deadlines, clock, logger } = deps;
  await store.fillDueDates(deadlines.dueMs, deadlines.basis);
  const now = clock.now();
  const day = taipeiDayOf(now);
  const at = now.toISOString();
  const byAgency = new Map<string, Awaited<ReturnType<PlatformStore['overdueToRemind']>>>();
  for (const r of await store.overdueToRemind(now.getTime(), day)) {
    const list = byAgency.get(r.receiverAgency) ?? [];
    list.push(r);
    byAgency.set(r.receiverAgency, list);
  }
  const items = new Map(catalogue.items.map((i) => [i.code, i]));
  const report: ReminderReport = { agencies: 0, notifications: 0, mails: 0, skippedNoEmail: 0 };
  for (const [code, rows] of byAgency) {
    const agency = catalogue.agencies.find((a) => a.code === code);
    if (!agency?.email) {
      report.skippedNoEmail += rows.length;
      logger.warn({ agency: code, overdue: rows.length }, '機關未設定聯絡 e-mail（agencies.json），逾時提醒未寄出');
      continue;
    }
    const email = agency.email;
    const r = await store.queueOverdueReminders(day, at, now.getTime(), code, rows, (claimed) => overdueMail({ ...agency, email }, claimed, items, day, now, deps.publicUrl));
    if (r.notifications > 0) report.agencies++;
    report.notifications += r.notifications;
    if (r.mail) report.mails++;
  }
  if (report.mails > 0) logger.info({ day, ...report }, 'overdue reminders queued');
  return report;
}
