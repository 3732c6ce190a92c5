import { dirname, join } from 'node:path';
import { api, isApiMethod, type SystemInfo } from '../../../shared/contract/api';
import type { RecoveryStatus } from '../../../shared/contract/adminApi';
import type { PolicyIssue } from '../../../shared/policy/schema';
import { AppFailure, err, ok, type AppError, type Result } from '../../../shared/result';
import { createCounterApp, type CounterApp } from '../app';
import { latestGoodBackup } from '../backup/store';
import { restoreDatabase } from '../backup/restore';
import { CatalogueError } from '../catalogue/loadCatalogue';
import { systemClock, type Clock } from '../clock';
import type { CounterConfig } from '../config/config';
import { PolicyInvalid } from '../config/errors';
import { loadWorkstationConfig, type WorkstationConfig } from '../config/load';
import type { Logger } from '../logging/logger';

export type BootOptions = {
  dbFile: string;
  /** The app's first start makes its database when none exists (db/open.ts); the shells pass true. */
  create?: boolean;
  shell: SystemInfo['shell'];
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  userSettingsFile?: string;
  defaults?: CounterConfig;
  clock?: Clock;
  catalogueDir?: string;
  version?: string;
  logDir?: string;
  /** Runs each time the engine comes up (demo data, sync, backup schedule). */
  onStarted?(app: CounterApp, workstation: WorkstationConfig): void;
};

export type BootState =
  | { mode: 'running'; app: CounterApp; workstation: WorkstationConfig; backupDir: string }
  | { mode: 'config-invalid'; error: AppError; file: string; issues: PolicyIssue[] }
  | { mode: 'db-corrupt'; error: AppError; backupDir: string }
  | { mode: 'failed'; error: AppError };

export type BootedCounter = {
  state(): BootState;
  /** Same signature as CounterApp.call; answers with the start-up error while not running. */
  call: CounterApp['call'];
  close(): void;
};

/** Backups go where the policy says, else next to the database (better than none; IT should set a second disk). */
export const backupDirFor = (config: CounterConfig, dbFile: string): string => config.backup?.dir ?? join(dirname(dbFile), 'backups');

/**
 * Starts the counter engine or, when it cannot start safely, a small stand-in that explains why
 * (the admin error screen) and offers the one safe way out. The app never runs with a half-valid
 * config, and a corrupt database is never opened for writing, overwritten or deleted.
 */
export function bootCounter(o: BootOptions): BootedCounter {
  const clock = o.clock ?? systemClock;
  const log = o.logger.child({ module: 'boot' });
  let state: BootState = start();

  function start(): BootState {
    let workstation: WorkstationConfig;
    try {
      workstation = loadWorkstationConfig({ ...(o.env ? { env: o.env } : {}), ...(o.defaults ? { defaults: o.defaults } : {}), ...(o.userSettingsFile ? { userSettingsFile: o.userSettingsFile } : {}) });
    } catch (e) {
      if (e instanceof PolicyInvalid) {
        log.error({ code: e.error.code, file: e.file, fields: e.issues.map((i) => i.path) }, 'policy file invalid; not starting');
        return { mode: 'config-invalid', error: e.error, file: e.file, issues: e.issues };
      }
      return failed(e);
    }
    const backupDir = backupDirFor(workstation.config, o.dbFile);
    try {
      const app = createCounterApp({
        dbFile: o.dbFile,
        create: o.create === true,
        shell: o.shell,
        logger: o.logger,
        config: workstation.config,
        clock,
        modeFromDatabase: true,
        policy: workstation.policy,
        paths: { backupDir, ...(o.logDir ? { logDir: o.logDir } : {}) },
        ...(o.catalogueDir ? { catalogueDir: o.catalogueDir } : {}),
        ...(o.version ? { version: o.version } : {}),
      });
      o.onStarted?.(app, workstation);
      return { mode: 'running', app, workstation, backupDir };
    } catch (e) {
      // A zero-byte file where the database was is damage too: offer the newest good backup the same way.
      if (e instanceof AppFailure && (e.error.code === 'DB_CORRUPT' || e.error.code === 'DB_EMPTY_FILE')) {
        log.error({ code: e.error.code, db: o.dbFile }, 'database corrupt; waiting for restore');
        return { mode: 'db-corrupt', error: e.error, backupDir };
      }
      return failed(e);
    }
  }

  function failed(e: unknown): BootState {
    const error: AppError =
      e instanceof AppFailure ? e.error : e instanceof CatalogueError ? { code: 'CATALOGUE_INVALID', message: e.message } : { code: 'START_FAILED', message: `程式無法啟動：${(e as Error).message}` };
    log.error({ code: error.code, err: e }, 'start failed');
    return { mode: 'failed', error };
  }

  function status(): RecoveryStatus {
    const s = state;
    const latest = s.mode === 'db-corrupt' ? latestGoodBackup(s.backupDir) : null;
    return {
      mode: s.mode,
      error: s.mode === 'running' ? null : { code: s.error.code, message: s.error.message },
      policyFile: s.mode === 'config-invalid' ? s.file : s.mode === 'running' ? s.workstation.policy.file : null,
      issues: s.mode === 'config-invalid' ? s.issues : [],
      dbFile: s.mode === 'db-corrupt' ? o.dbFile : null,
      latestBackup: latest ? { file: latest.path, createdAt: latest.createdAt, bytes: latest.bytes } : null,
    };
  }

  async function recoveryCall(method: string, input: unknown): Promise<Result<unknown>> {
    const s = state;
    if (isApiMethod(method) && method.startsWith('recovery.') && !api[method].input.safeParse(input ?? {}).success) {
      return err('INPUT_INVALID', '請確認要執行的動作');
    }
    if (method === 'recovery.status') return ok(status());
    if (method === 'recovery.retry') {
      state = start();
      return ok(status());
    }
    if (method === 'recovery.restoreLatest') {
      if (s.mode !== 'db-corrupt') return err('RECOVERY_NOT_NEEDED', '目前不是資料庫損毀狀態，無需還原。');
      const latest = latestGoodBackup(s.backupDir);
      if (!latest) return err('RESTORE_NO_BACKUP', `備份資料夾「${s.backupDir}」中沒有可用的完好備份，請聯絡資訊人員。`);
      try {
        const result = restoreDatabase({ from: latest.path, dbFile: o.dbFile, now: clock.now() });
        log.warn({ action: 'restore', from: latest.file, keptAs: result.keptAs }, 'database restored from backup');
        state = start();
        return ok(result);
      } catch (e) {
        return e instanceof AppFailure ? { ok: false, error: e.error } : err('RESTORE_FAILED', `還原失敗：${(e as Error).message}`);
      }
    }
    return { ok: false, error: (s as Exclude<BootState, { mode: 'running' }>).error };
  }

  return {
    state: () => state,
    call: (method, input, session, origin) => {
      const s = state;
      if (s.mode === 'running') return s.app.call(method, input, session, origin);
      return recoveryCall(method, input);
    },
    close: () => {
      if (state.mode === 'running') state.app.close();
    },
  };
}
