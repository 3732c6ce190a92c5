import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import type { ServiceContext } from '../context';
import { listBackups } from '../backup/store';
import { redactSecrets } from './redact';

export type DiagnosticsInput = {
  ctx: ServiceContext;
  appVersion: string;
  shell: string;
  logDir?: string | null;
  backupDir?: string | null;
  /** Lines of log kept from the newest files (JSON lines: they carry no personal data by rule). */
  logLines?: number;
};

/** Counts only: the outbox rows' states, never their payloads (which hold personal data). */
function queueState(ctx: ServiceContext): Record<string, number> {
  const rows = ctx.db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** HID devices by vendor/product only; a missing libusb or node-hid build is reported, not thrown. */
function deviceList(): unknown {
  try {
    const hid = createRequire(import.meta.url)('node-hid') as { devices(): { vendorId: number; productId: number; product?: string; usagePage?: number }[] };
    return hid.devices().map((d) => ({ vendorId: d.vendorId, productId: d.productId, product: d.product ?? null, usagePage: d.usagePage ?? null }));
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function lastLogs(dir: string | null | undefined, lines: number): { file: string; lines: string[] }[] {
  if (!dir || !existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t)
    .slice(0, 2);
  return files.map(({ f }) => ({ file: f, lines: readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).slice(-lines) }));
}

/**
 * The bundle IT attaches to a support ticket: versions, the effective config with secrets
 * redacted, which settings the policy locks, the newest log lines, queue counts, backups and the
 * device list. It holds no case or person data.
 */
export function collectDiagnostics(o: DiagnosticsInput): Record<string, unknown> {
  const { ctx } = o;
  return {
    generatedAt: ctx.clock.now().toISOString(),
    versions: { app: o.appVersion, shell: o.shell, node: process.versions.node, electron: process.versions.electron ?? null, sqlite: ctx.db.prepare('SELECT sqlite_version()').pluck().get(), catalogue: ctx.catalogue.version },
    os: { platform: platform(), release: release(), arch: arch() },
    config: redactSecrets(ctx.config),
    policy: ctx.policy ?? null,
    database: { schemaVersion: ctx.db.pragma('user_version', { simple: true }), cases: ctx.db.prepare('SELECT COUNT(*) FROM cases').pluck().get() },
    queue: queueState(ctx),
    backups: o.backupDir ? listBackups(o.backupDir).map((b) => ({ file: b.file, createdAt: b.createdAt, bytes: b.bytes })) : [],
    devices: deviceList(),
    logs: lastLogs(o.logDir, o.logLines ?? 300),
  };
}
