import type { Logger } from 'pino';
import type { Clock } from '../../electron/services/clock';
import type { DailyClaim } from '../server/dailyClaim';
import { dailyTimeFrom, scheduleDaily, type DailySchedule, type DailyTime } from '../server/dailyJob';
import type { ReminderReport } from './reminders';

/**
 * When the daily reminder runs: NIN1_OVERDUE_REMIND_AT (Taipei `HH:MM`, default 08:30, the start of
 * office hours; `off` disables it — though a second node would only find the day's reminders
 * already claimed).
 */
export const reminderTimeFrom = (value: string | undefined): DailyTime | null => dailyTimeFrom('NIN1_OVERDUE_REMIND_AT', value, '08:30');

export type ReminderSchedule = DailySchedule<ReminderReport>;

/**
 * The daily reminder run. Repeating it after a restart is harmless: the (notification, day) claims
 * in overdue_reminders make a second run queue nothing already sent.
 */
export const scheduleOverdueReminders = (opts: { at: DailyTime; clock: Clock; logger: Logger; checkMs?: number; claim?: DailyClaim; run(): Promise<ReminderReport> }): ReminderSchedule =>
  scheduleDaily({ ...opts, what: 'overdue reminder run' });
