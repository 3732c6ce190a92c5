import { readFileSync } from 'node:fs';
import { EvidenceBundle } from '../../../shared/signing/evidence';
import { verifyEvidence } from '../../services/signing/verifyEvidence';
import type { Command } from '../command';

const USAGE = 'verify-evidence 檔案                            離線驗證證據包（簽章、收據、訊息紀錄雜湊鏈）';

/**
 * `verify-evidence FILE` (stable surface, issue 15): no network, no database. Prints who signed
 * what and when; exit 0 valid, 1 invalid (each failed check named, `INVALID <CHECK>` lines), 2 when
 * the file is missing, unreadable, not JSON or not a bundle, and for bad usage (no file, an unknown
 * option, a second file): the CLI's default 1 for usage would read as "invalid evidence".
 */
export const verifyEvidenceCommand: Command = {
  name: 'verify-evidence',
  usage: USAGE,
  options: { file: { type: 'string' } },
  positional: 'file',
  usageExitCode: 2,
  run: (values) => {
    const file = values.file;
    if (typeof file !== 'string' || file === '') {
      console.error(`缺少證據包檔案\n用法：npm run counter -- ${USAGE}`);
      return 2;
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`無法讀取證據包「${file}」：${(e as Error).message}`);
      return 2;
    }
    const bundle = EvidenceBundle.safeParse(json);
    if (!bundle.success) {
      console.error(`「${file}」不是證據包（nin1-evidence/1）：${bundle.error.issues[0]!.path.join('.')} ${bundle.error.issues[0]!.message}`);
      return 2;
    }
    const v = verifyEvidence(bundle.data);
    for (const l of v.lines) console.log(l);
    if (v.ok) {
      console.log('VALID');
      return 0;
    }
    for (const f of v.failed) console.log(`INVALID ${f}`);
    return 1;
  },
};
