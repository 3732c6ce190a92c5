import { runDistCheck } from './packaging/distCheck';

/**
 * `npm run dist:check`: validates what can be validated without the Electron binary — the
 * electron-builder config (its own schema) and our packaging rules, icons, the fuse list and hook,
 * and the Authenticode signing hook on a real PE. Exits 1 on any problem. Part of `npm test`.
 */
const checks = await runDistCheck({ ...(process.argv[2] ? { configFile: process.argv[2] } : {}) });
let failed = 0;
for (const c of checks) {
  if (c.problems.length === 0) console.log(`✓ ${c.name}${c.note ? ` — ${c.note}` : ''}`);
  else {
    failed += c.problems.length;
    console.log(`✗ ${c.name}`);
    for (const p of c.problems) console.log(`    ${p.replace(/\n/g, '\n    ')}`);
  }
}
console.log(failed ? `dist:check: ${failed} problem(s)` : 'dist:check: packaging config, fuses and signing hook OK');
process.exit(failed ? 1 : 0);
