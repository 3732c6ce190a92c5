import { useEffect, useRef, useState, type FormEvent } from 'react';
import { type AccountView, AccountUpdate, NewPassword } from '../../../../shared/accounts/schema';
import { administeredRoles } from '../../../../shared/accounts/scope';
import type { Role } from '../../../../shared/auth/roles';
import { call } from '../../api/client';
import { Field, inputAria } from '../../components/Field';
import { RoleField } from './RoleField';
import { fieldErrors, useAccounts } from '../../stores/accounts';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';

/**
 * 編輯帳號: name, role, office, active, and a password reset. The services refuse a change of one's
 * own role or active flag and the removal of the last system administrator; the form says so up front.
 */
export function EditUserForm({ account, onDone }: { account: AccountView; onDone(): void }) {
  const me = useSession((s) => s.user);
  const offices = useAccounts((s) => s.offices);
  const load = useAccounts((s) => s.load);
  const self = me?.id === account.id;
  const roles = me ? [...new Set([account.role, ...administeredRoles(me.role)])] : [account.role];
  const [form, setForm] = useState({ displayName: account.displayName, role: account.role as Role, officeCode: account.officeCode, active: account.active });
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      id: account.id,
      ...(form.displayName !== account.displayName ? { displayName: form.displayName } : {}),
      ...(form.role !== account.role ? { role: form.role } : {}),
      ...(form.officeCode !== account.officeCode ? { officeCode: form.officeCode } : {}),
      ...(form.active !== account.active ? { active: form.active } : {}),
    };
    const parsed = AccountUpdate.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await call('accounts.update', parsed.data);
    setBusy(false);
    if (!r.ok) {
      setErrors({ [r.error.path ?? '_']: r.error.message });
      return;
    }
    toast.success(r.value.sessionsEnded > 0 ? `已儲存；${account.username} 已被登出，需重新登入` : '已儲存');
    await load(true);
    onDone();
  };

  const reset = async () => {
    const parsed = NewPassword.safeParse(password);
    if (!parsed.success) {
      setErrors({ password: parsed.error.issues[0]!.message });
      return;
    }
    const r = await call('accounts.resetPassword', { id: account.id, password });
    if (!r.ok) {
      setErrors({ password: r.error.message });
      return;
    }
    setPassword('');
    setErrors({});
    toast.success(`已重設 ${account.username} 的密碼`);
  };

  return (
    <div className="card admin__form">
      <form onSubmit={(e) => void submit(e)} aria-label={`編輯帳號 ${account.username}`} noValidate>
        <h2 className="admin__h2">編輯帳號：{account.username}</h2>
        {self && <p className="admin__note">這是您自己的帳號：不可變更自己的角色或停用自己。</p>}
        {errors._ && (
          <p className="banner banner--error" role="alert">
            {errors._}
          </p>
        )}
        <div className="form-grid">
          <Field path="displayName" label="姓名" required error={errors.displayName ?? null}>
            <input ref={first} className="input" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} {...inputAria('displayName', { error: errors.displayName, required: true })} />
          </Field>
          <RoleField roles={roles} disabled={self} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })} error={errors.role} />
          <Field path="officeCode" label="機關" required error={errors.officeCode ?? null}>
            <select className="input select" value={form.officeCode} onChange={(e) => setForm({ ...form, officeCode: e.target.value })} {...inputAria('officeCode', { error: errors.officeCode, required: true })}>
              {[...new Set([account.officeCode, ...offices.map((o) => o.code)])].map((c) => (
                <option key={c} value={c}>
                  {c} {offices.find((o) => o.code === c)?.name ?? ''}
                </option>
              ))}
            </select>
          </Field>
          <Field path="active" label="狀態" error={errors.active ?? null}>
            <label className="check">
              <input type="checkbox" {...inputAria('active', { error: errors.active })} disabled={self} checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} /> 啟用（取消勾選即停用並登出）
            </label>
          </Field>
        </div>
        <div className="admin__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? '儲存中…' : '儲存變更'}
          </button>
          <button type="button" className="button" onClick={onDone}>
            返回清單
          </button>
        </div>
      </form>
      <div className="admin__reset">
        <h3 className="admin__h3">重設密碼</h3>
        <Field path="password" label="新密碼" error={errors.password ?? null} hint="至少 10 個字元，含英文字母與數字">
          <input className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} {...inputAria('password', { hint: true, error: errors.password })} />
        </Field>
        <button type="button" className="button" onClick={() => void reset()}>
          重設密碼
        </button>
      </div>
    </div>
  );
}
