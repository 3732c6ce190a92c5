import electronUpdater from 'electron-updater';
import type { UpdatePolicy } from '../../shared/policy/schema';
import type { Logger } from '../services/logging/logger';
import { decideUpdate, mayInstallNow } from '../services/update/decide';
import { classifyUpdateError } from '../services/update/failures';
import { UpdateFeed } from '../services/update/feed';
import { inRollout, rolloutBucket } from '../services/update/rollout';
import { readUpdateState, recordFailure, writeUpdateState } from '../services/update/state';

const { autoUpdater } = electronUpdater;

export type UpdaterOptions = {
  policy: UpdatePolicy | undefined;
  officeCode: string;
  workstationId: string;
  currentVersion: string;
  stateFile: string;
  caseOpen(): boolean;
  /** The shell's awaited shutdown (sync, scanning, schedulers, database) before the installer takes over. */
  beforeInstall(): Promise<void>;
  logger: Logger;
};

/**
 * Thin wiring of electron-updater to the tested decisions in services/update. electron-updater
 * fetches the feed, checks the sha512 and (Windows) the Authenticode publisher against
 * `publisherName` baked into app-update.yml at build time; we decide whether to take a release,
 * when to install it (never with a case open), and what to remember after a failure.
 */
export function startUpdater(o: UpdaterOptions): () => void {
  const log = o.logger.child({ module: 'updater' });
  if (!o.policy?.enabled) {
    log.info({ reason: o.policy ? 'disabled by policy' : 'no update policy' }, 'updater off');
    return () => undefined;
  }
  const policy = o.policy;
  const bucket = rolloutBucket(o.officeCode, o.workstationId);
  let pendingVersion: string | null = null;
  let timer: NodeJS.Timeout | null = null;

  autoUpdater.logger = { info: (m: unknown) => log.debug({ msg: String(m) }), warn: (m: unknown) => log.warn({ msg: String(m) }), error: (m: unknown) => log.error({ msg: String(m) }) };
  autoUpdater.setFeedURL({ provider: 'generic', url: policy.url, channel: policy.channel === 'beta' ? 'beta' : 'latest' });
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = policy.channel === 'beta';
  autoUpdater.autoDownload = false;
  // Installing when the clerk quits at the end of the day is the least disruptive moment.
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.isUserWithinRollout = (info) => inRollout(bucket, info.stagingPercentage);

  const fail = (e: unknown) => {
    const failure = classifyUpdateError(e as { code?: string; message?: string });
    writeUpdateState(o.stateFile, recordFailure(readUpdateState(o.stateFile), failure, pendingVersion, new Date()));
    log.error({ kind: failure.kind, version: pendingVersion, code: (e as { code?: string }).code }, failure.message);
    pendingVersion = null;
  };

  const tryInstall = (version: string) => {
    if (mayInstallNow(o.caseOpen())) {
      log.info({ version }, 'installing update (no case open)');
      void o.beforeInstall().finally(() => autoUpdater.quitAndInstall(true, true));
      return;
    }
    log.info({ version }, 'update ready; waiting until no case is open');
    setTimeout(() => tryInstall(version), 60_000).unref();
  };

  autoUpdater.on('update-downloaded', (info) => tryInstall(info.version));
  autoUpdater.on('error', fail);

  const check = async () => {
    const state = readUpdateState(o.stateFile);
    if (state.nextCheckAfter && Date.parse(state.nextCheckAfter) > Date.now()) return;
    try {
      const result = await autoUpdater.checkForUpdates();
      const feed = UpdateFeed.safeParse(result?.updateInfo);
      if (!feed.success) return fail({ code: 'UPDATE_FEED_INVALID' });
      const decision = decideUpdate({ current: o.currentVersion, feed: feed.data, policy, bucket, blocked: state.blocked });
      log.info({ decision }, 'update check');
      if (decision.action !== 'download' || pendingVersion) return;
      pendingVersion = decision.version;
      await autoUpdater.downloadUpdate();
    } catch (e) {
      fail(e);
    }
  };

  timer = setInterval(() => void check(), policy.checkEveryHours * 3_600_000);
  timer.unref();
  setTimeout(() => void check(), 5 * 60_000).unref();
  return () => {
    if (timer) clearInterval(timer);
  };
}
