import { benchCaseSave } from './caseSave';
import { benchOutboxDrain } from './outboxDrain';
import { benchVerificationRoundtrip } from './verificationRoundtrip';
import { benchPdfForm } from './pdfForm';
import { benchPdfFormBilingual } from './pdfFormBilingual';
import { benchPlatformIngest } from './platformIngest';
import { benchSearch1m } from './search1m';
import { benchDevices } from './devices';
import { benchAuditVerify1m } from './auditVerify1m';
import { benchScan20 } from './scan20';
import { benchStats1m } from './stats1m';
import { runSuites, type Suite } from './runSuites';
import { benchSigning } from './signing';

/**
 * `npm run bench` prints a readable table; `npm run bench -- --json` prints one JSON array on
 * stdout ([{ name, value, unit, budget, baseline?, ratio?, ok }], a failed suite as { name, ok: false,
 * failed: true, error }) and progress on stderr.
 * Each figure has a baseline measured in the same run on the same machine.
 */
const json = process.argv.includes('--json');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const log = (s: string) => process.stderr.write(`${s}\n`);

const suites: Suite[] = [
  ['case-save', benchCaseSave],
  ['pdf-form', benchPdfForm],
  ['pdf-form-bilingual', benchPdfFormBilingual],
  ['search-1m', () => benchSearch1m(log)],
  ['platform-ingest', () => benchPlatformIngest(log)],
  ['platform-multi-node', () => import('./platformMultiNode').then((m) => m.benchPlatformMultiNode(log))],
  // Makes a five-year county on PostgreSQL once (minutes), kept in the temp dir; --clean-cache makes it again.
  ['platform-stats-5m', () => import('./platformStats5m').then((m) => m.benchPlatformStats5m(log))],
  ['outbox-drain', () => benchOutboxDrain(log)],
  ['signing', () => benchSigning(log)],
  ['verification-roundtrip', benchVerificationRoundtrip],
  ['devices', benchDevices],
  ['audit-verify-1m', () => benchAuditVerify1m(log)],
  ['scan-20-pages', () => benchScan20(log)],
  ['stats-1m', () => benchStats1m(log)],
  ['keystrokes', () => import('./keystrokes').then((m) => m.benchKeystrokes())],
];

const results = await runSuites(suites, log, only?.split(','));

if (json) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  const rows = results.map((r) =>
    'failed' in r ? [r.name, 'FAILED', '', '', '', r.error] : [r.name, `${r.value} ${r.unit}`, `${r.budget} ${r.unit}`, r.baseline !== undefined ? `${r.baseline} ${r.unit}` : '', r.ratio !== undefined ? `${r.ratio}x` : '', r.ok ? 'ok' : 'OVER'],
  );
  const head = ['benchmark', 'value', 'budget', 'baseline', 'ratio', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}
// Budgets are reported in `ok`, not in the exit code: a slow machine must not look like a broken build.
if (results.some((r) => 'failed' in r)) log('some suites failed (see FAILED / "failed": true); the other figures are above');
else if (!results.every((r) => r.ok)) log("some figures are over budget (see ok: false)");
