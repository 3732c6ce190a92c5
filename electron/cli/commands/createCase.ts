import { readFileSync } from 'node:fs';
import type { CaseDraft } from '../../../shared/cases/schema';
import { validateDraft } from '../../../shared/cases/validateDraft';
import { isoFromDate } from '../../../shared/validators';
import { AppFailure } from '../../../shared/result';
import { createCase } from '../../services/cases/createCase';
import type { Actor, ServiceContext } from '../../services/context';
import { need, withApp, type Command } from '../command';

/** The clerk the case is saved under: `--clerk` or, when not given, the office's first active counter clerk. */
function clerkActor(ctx: ServiceContext, username: string | undefined, workstation: string): Actor {
  const row = ctx.db
    .prepare(
      `SELECT id, username, display_name, role, office_code FROM users
       WHERE active = 1 AND role = 'counter_clerk' AND office_code = ? AND (? IS NULL OR username = ?) ORDER BY id LIMIT 1`,
    )
    .get(ctx.config.officeCode, username ?? null, username ?? null) as { id: number; username: string; display_name: string; role: 'counter_clerk'; office_code: string } | undefined;
  if (!row) {
    throw new AppFailure({
      code: 'CLERK_NOT_FOUND',
      message: username ? `查無本機關（${ctx.config.officeCode}）啟用中的臨櫃承辦人帳號「${username}」` : `本機關（${ctx.config.officeCode}）沒有啟用中的臨櫃承辦人帳號，請以 --clerk 指定`,
    });
  }
  return { user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role, officeCode: row.office_code }, workstation, ip: null };
}

const readDraft = (path: string): unknown => {
  const text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppFailure({ code: 'DRAFT_NOT_JSON', message: `草稿不是有效的 JSON：${(e as Error).message}` });
  }
};

export const createCaseCommand: Command = {
  name: 'create-case',
  usage: 'create-case --db 檔案 --draft 草稿.json|- [--clerk 帳號]  以草稿建立案件（與臨櫃畫面相同的檢核與儲存）',
  options: { db: { type: 'string' }, draft: { type: 'string' }, clerk: { type: 'string' } },
  run: (values) => {
    const draft = readDraft(need(values, 'draft'));
    return withApp(values, (app) => {
      const { ctx } = app;
      // Every problem with its JSON path, so a script can fix the draft in one go; nothing is stored.
      const checked = validateDraft(draft, ctx.catalogue, isoFromDate(ctx.clock.now()));
      if (!checked.ok) {
        for (const e of checked.errors) console.error(`錯誤（${e.code}）：${e.path}：${e.message}`);
        return 2;
      }
      const saved = createCase(ctx, clerkActor(ctx, values.clerk as string | undefined, ctx.config.workstationId), draft as CaseDraft);
      console.log(JSON.stringify(saved));
      return 0;
    });
  },
};
