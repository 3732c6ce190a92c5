/**
 * Whether a clerk has a case open right now (the wizard is on screen). The renderer reports it; the
 * updater asks it before installing, so an update never restarts the app under a citizen's case.
 * A report older than `staleMs` counts as closed: a renderer that crashed must not block updates forever.
 */
export type Activity = {
  setCaseOpen(open: boolean): void;
  caseOpen(): boolean;
};

export function createActivity(now: () => number = Date.now, staleMs = 4 * 3_600_000): Activity {
  let openedAt: number | null = null;
  return {
    setCaseOpen(open) {
      openedAt = open ? now() : null;
    },
    caseOpen: () => openedAt !== null && now() - openedAt < staleMs,
  };
}
