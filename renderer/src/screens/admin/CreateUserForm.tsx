import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AccountCreate } from '../../../../shared/accounts/schema';
import { administeredRoles } from '../../../../shared/accounts/scope';
import type { Role } from '../../../../shared/auth/roles';
import { call } from '../../api/client';
import { Field, inputAria } from '../../components/Field';
import { RoleField } from './RoleField';
import { fieldErrors, useAccounts } from '../../stores/accounts';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';

/** 新增帳號: validated here with the same zod schema the services use (zh-TW messages under each field), then again there. */
export function CreateUserForm({ onDone }: { onDone(): void }) {
  const me = useSession((s) => s.user);
  const offices = useAccounts((s) => s.offices);
  const load = useAccounts((s) => s.load);
  const roles = me ? administeredRoles(me.role) : [];
  const [form, setForm] = useState({ username: '', displayName: '', role: (roles.includes('counter_clerk') ? 'counter_clerk' : roles[0] ?? 'query_user') as Role, officeCode: me?.officeCode ?? '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { confirm, ...input } = form;
    const parsed = AccountCreate.safeParse(input);
    const errs = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (confirm !== form.password) errs.confirm ??= '兩次輸入的密碼不一致';
    setErrors(errs);
    if (!parsed.success || errs.confirm) return;
    setBusy(true);
    const r = await call('accounts.create', parsed.data);
    setBusy(false);
    if (!r.ok) {
      setErrors({ [r.error.path ?? '_']: r.error.message });
      return;
    }
    toast.success(`已新增帳號「${r.value.username}」`);
    await load(true);
    onDone();
  };

  return (
    <form className="card admin__form" onSubmit={(e) => void submit(e)} aria-label="新增帳號" noValidate>
      <h2 className="admin__h2">新增帳號</h2>
      {errors._ && (
        <p className="banner banner--error" role="alert">
          {errors._}
        </p>
      )}
      <div className="form-grid">
        <Field path="username" label="帳號" required error={errors.username ?? null} hint="小寫英數字，登入時使用">
          <input ref={first} className="input" autoComplete="off" value={form.username} onChange={set('username')} {...inputAria('username', { hint: true, error: errors.username, required: true })} />
        </Field>
        <Field path="displayName" label="姓名" required error={errors.displayName ?? null}>
          <input className="input" value={form.displayName} onChange={set('displayName')} {...inputAria('displayName', { error: errors.displayName, required: true })} />
        </Field>
        <RoleField roles={roles} value={form.role} onChange={set('role')} error={errors.role} />
        <Field path="officeCode" label="機關" required error={errors.officeCode ?? null}>
          <select className="input select" value={form.officeCode} onChange={set('officeCode')} {...inputAria('officeCode', { error: errors.officeCode, required: true })}>
            {offices.map((o) => (
              <option key={o.code} value={o.code}>
                {o.code} {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field path="password" label="初始密碼" required error={errors.password ?? null} hint="至少 10 個字元，含英文字母與數字">
          <input className="input" type="password" autoComplete="new-password" value={form.password} onChange={set('password')} {...inputAria('password', { hint: true, error: errors.password, required: true })} />
        </Field>
        <Field path="confirm" label="確認密碼" required error={errors.confirm ?? null}>
          <input className="input" type="password" autoComplete="new-password" value={form.confirm} onChange={set('confirm')} {...inputAria('confirm', { error: errors.confirm, required: true })} />
        </Field>
      </div>
      <div className="admin__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? '儲存中…' : '建立帳號'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          取消
        </button>
      </div>
    </form>
  );
}
