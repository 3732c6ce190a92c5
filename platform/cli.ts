import { parseArgs } from 'node:util';
import { CatalogueError } from '../electron/services/catalogue/loadCatalogue';
import { AppFailure } from '../shared/result';
import { adminTokenCommand, enrollCodeCommand, revokeCommand, seedDemoCommand, verifyAuditCommand } from './cli/admin';
import { UsageError, type Command } from './cli/options';
import { serveCommand } from './cli/serve';
import { remindOverdueCommand } from './cli/remindOverdue';
import { purgeRetentionCommand } from './cli/purgeRetention';
import { revokeKeyCommand, rotateKeyCommand } from './cli/signingKeys';
import { exportEvidenceCommand } from './cli/exportEvidence';

/**
 * County platform entry point: `npm run platform -- [serve] --port N --db FILE` runs the server;
 * the other sub-commands are for its admins. Exit 0 ok, 1 bad usage, 2 operation failed.
 */
const COMMANDS: Command[] = [serveCommand, enrollCodeCommand, adminTokenCommand, revokeCommand, seedDemoCommand, verifyAuditCommand, remindOverdueCommand, purgeRetentionCommand, revokeKeyCommand, rotateKeyCommand, exportEvidenceCommand];
const USAGE = `用法：npm run platform -- <指令> [選項]（省略指令即 serve）\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}`;

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (first === 'help' || first === '--help') {
    console.log(USAGE);
    return 0;
  }
  const [name, rest] = !first || first.startsWith('--') ? ['serve', argv] : [first, argv.slice(1)];
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`未知的指令「${name}」`);
  const { values } = parseArgs({ args: rest, options: command.options, strict: true });
  return command.run(values);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(e as Error).message}\n\n${USAGE}`);
      process.exit(1);
    }
    if (e instanceof AppFailure) console.error(`錯誤（${e.error.code}）：${e.error.message}`);
    else if (e instanceof CatalogueError) console.error(e.message);
    else console.error(`未預期的錯誤：${(e as Error).stack ?? String(e)}`);
    process.exit(2);
  },
);
