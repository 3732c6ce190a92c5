import { parseArgs } from 'node:util';
import { AppFailure } from '../../shared/result';
import { CatalogueError } from '../services/catalogue/loadCatalogue';
import { UsageError } from './command';
import { COMMANDS } from './commands';

/**
 * Operations CLI (`npm run counter -- <command>`), for IT and for scripted checks. Messages are
 * zh-TW; exit code 0 ok, 1 bad usage or input, 2 operation failed.
 */
const USAGE = `用法：npm run counter -- <指令> [選項]\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`未知的指令「${name}」`);
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: command.positional !== undefined });
    if (positionals.length > 1) throw new UsageError('只能指定一個檔案');
    return await command.run(command.positional && positionals[0] ? { ...values, [command.positional]: positionals[0] } : values);
  } catch (e) {
    // A command whose stable surface gives bad usage its own exit code (verify-evidence: 2) says so here.
    if (command.usageExitCode !== undefined && isUsageError(e)) {
      console.error(`${(e as Error).message}\n用法：npm run counter -- ${command.usage}`);
      return command.usageExitCode;
    }
    throw e;
  }
}

const isUsageError = (e: unknown): boolean => e instanceof UsageError || ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ?? false);

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (isUsageError(e)) {
      console.error(`${(e as Error).message}\n\n${USAGE}`);
      process.exit(1);
    }
    if (e instanceof AppFailure) console.error(`錯誤（${e.error.code}）：${e.error.message}`);
    else if (e instanceof CatalogueError) console.error(e.message);
    else console.error(`未預期的錯誤：${(e as Error).message}`);
    process.exit(2);
  },
);
