// The IT commands (backup, restore, diagnostics), re-exported so commands/index.ts needs one line.
export { backupCommand } from './backup';
export { diagnosticsCommand } from './diagnostics';
export { restoreCommand } from './restore';
