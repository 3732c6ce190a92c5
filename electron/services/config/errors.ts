import type { PolicyIssue } from '../../../shared/policy/schema';
import { AppFailure } from '../../../shared/result';

/** The policy file is wrong: the app refuses to run and says which field, for IT (zh-TW). */
export class PolicyInvalid extends AppFailure {
  constructor(readonly file: string, readonly issues: PolicyIssue[]) {
    const lines = issues.map((i) => `・${i.path || '（整個檔案）'}：${i.message}`).join('\n');
    super({ code: 'CONFIG_INVALID', message: `工作站政策設定檔「${file}」有 ${issues.length} 處錯誤，程式未啟動：\n${lines}`, path: issues[0]?.path ?? '' });
    this.name = 'PolicyInvalid';
  }
}
