import { call } from '../api/client';
import { useSession } from '../stores/session';
import { useWizard } from '../stores/wizard';

/**
 * Tells the services whether a case is open (the wizard is active), so an update is never
 * installed under a citizen's case. Re-sent every few minutes while open: the services treat an
 * old report as closed, so a crashed or closed window cannot block updates for long.
 */
const HEARTBEAT_MS = 5 * 60_000;
let timer: ReturnType<typeof setInterval> | null = null;

const report = (open: boolean) => {
  if (useSession.getState().user) void call('workstation.caseOpen', { open });
};

export function startCaseOpenReporter(): void {
  useWizard.subscribe((s, prev) => {
    if (s.active === prev.active) return;
    report(s.active);
    if (timer) clearInterval(timer);
    timer = s.active ? setInterval(() => report(true), HEARTBEAT_MS) : null;
  });
}
