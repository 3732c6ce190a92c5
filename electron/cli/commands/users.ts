import { readFileSync } from 'node:fs';
import { AccountCreate } from '../../../shared/accounts/schema';
import { formatIssuePath } from '../../../shared/zod';
import { createAccount, listAccounts } from '../../services/accounts/accounts';
import { cliActor } from '../../services/accounts/actor';
import { ensureOffice } from '../../services/auth/users';
import { need, UsageError, withApp, type Command } from '../command';

/**
 * Accounts for IT when a policy file is present (no demo accounts exist then). The password comes
 * from stdin or a file, never from argv (argv shows up in `ps` and shell history). Audited as
 * `cli:<os user>`, like every change made on the admin screen.
 */
function readPassword(file: string | undefined): string {
  let raw: string;
  try {
    raw = readFileSync(file ?? 0, 'utf8');
  } catch (e) {
    throw new UsageError(`無法讀取密碼${file ? `檔「${file}」` : '（標準輸入）'}：${(e as Error).message}`);
  }
  return raw.replace(/\r?\n$/, '');
}

export const userAddCommand: Command = {
  name: 'user-add',
  usage: 'user-add --db 檔案 --username 帳號 --role 角色 --name 姓名 --office 機關代碼 [--password-file 檔案]   新增帳號（密碼由標準輸入或檔案讀入）',
  options: { db: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, office: { type: 'string' }, 'password-file': { type: 'string' } },
  run: (values) => {
    const file = typeof values['password-file'] === 'string' ? values['password-file'] : undefined;
    const parsed = AccountCreate.safeParse({
      username: need(values, 'username'), role: need(values, 'role'), displayName: need(values, 'name'), officeCode: need(values, 'office'), password: readPassword(file),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(`輸入資料不正確（${formatIssuePath(issue.path)}）：${issue.message}`);
    }
    return withApp(values, (app) => {
      const { ctx } = app;
      // A fresh database under IT's policy has no office row yet: this workstation's office is known from the policy.
      if (parsed.data.officeCode === ctx.config.officeCode) ensureOffice(ctx.db, ctx.config.officeCode, ctx.config.officeName);
      const account = createAccount(ctx, cliActor(ctx.config.workstationId), parsed.data);
      console.log(JSON.stringify(account));
      return 0;
    });
  },
};

export const userListCommand: Command = {
  name: 'user-list',
  usage: 'user-list --db 檔案                                  列出帳號（JSON）',
  options: { db: { type: 'string' } },
  run: (values) =>
    withApp(values, (app) => {
      console.log(JSON.stringify(listAccounts(app.ctx, cliActor(app.ctx.config.workstationId)).accounts, null, 2));
      return 0;
    }),
};
