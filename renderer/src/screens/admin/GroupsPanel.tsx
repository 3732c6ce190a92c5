import { useState, type FormEvent } from 'react';
import { GroupCreate, type GroupView } from '../../../../shared/accounts/schema';
import { ROLE_LABEL, ROLES, type Role } from '../../../../shared/auth/roles';
import { call } from '../../api/client';
import { Field, inputAria } from '../../components/Field';
import { fieldErrors, useAccounts } from '../../stores/accounts';
import { toast } from '../../stores/toasts';

/**
 * 使用者群組: a section of the office with a default role. Adding a member gives them that role (and
 * signs them out if it changed); removing keeps their role — change it on the account if needed.
 */
export function GroupsPanel() {
  const groups = useAccounts((s) => s.groups);
  const accounts = useAccounts((s) => s.accounts);
  const load = useAccounts((s) => s.load);
  const [form, setForm] = useState({ name: '', description: '', defaultRole: 'counter_clerk' as Role });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pick, setPick] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = GroupCreate.safeParse(form);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    const r = await call('groups.create', parsed.data);
    if (!r.ok) {
      setErrors({ [r.error.path ?? 'name']: r.error.message });
      return;
    }
    setErrors({});
    setForm({ name: '', description: '', defaultRole: form.defaultRole });
    toast.success(`已新增群組「${r.value.name}」`);
    await load(true);
  };

  const members = async (g: GroupView, change: { add?: number[]; remove?: number[] }) => {
    setError(null);
    const r = await call('groups.members', { groupId: g.id, add: change.add ?? [], remove: change.remove ?? [] });
    if (!r.ok) setError(r.error.message);
    else toast.success(change.add ? `已加入群組「${g.name}」（角色設為${ROLE_LABEL[g.defaultRole]}）` : `已移出群組「${g.name}」`);
    await load(true);
  };

  const setRole = async (g: GroupView, role: Role) => {
    const r = await call('groups.update', { id: g.id, defaultRole: role });
    if (!r.ok) setError(r.error.message);
    await load(true);
  };

  return (
    <>
      <form className="card admin__form" onSubmit={(e) => void create(e)} aria-label="新增群組" noValidate>
        <h2 className="admin__h2">新增使用者群組</h2>
        <div className="form-grid">
          <Field path="name" label="群組名稱" required error={errors.name ?? null}>
            <input className="input" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} {...inputAria('name', { error: errors.name, required: true })} />
          </Field>
          <Field path="description" label="說明" error={errors.description ?? null}>
            <input className="input" value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} {...inputAria('description', { error: errors.description })} />
          </Field>
          <Field path="defaultRole" label="預設角色" required error={errors.defaultRole ?? null}>
            <select className="input select" value={form.defaultRole} onChange={(e) => setForm({ ...form, defaultRole: e.target.value as Role })} {...inputAria('defaultRole', { required: true })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className="button button--primary">
          新增群組
        </button>
      </form>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {groups.map((g) => {
        const others = accounts.filter((a) => !g.members.some((m) => m.id === a.id));
        return (
          <section key={g.id} className="card" aria-label={`群組 ${g.name}`}>
            <div className="admin__bar">
              <h3 className="admin__h3">
                {g.name} <small>{g.description}</small>
              </h3>
              <label>
                預設角色{' '}
                <select className="select" value={g.defaultRole} onChange={(e) => void setRole(g, e.target.value as Role)}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <ul className="admin__members">
              {g.members.map((m) => (
                <li key={m.id}>
                  {m.displayName}（{m.username}，{ROLE_LABEL[m.role]}）
                  <button type="button" className="button button--small" aria-label={`將 ${m.username} 移出 ${g.name}`} onClick={() => void members(g, { remove: [m.id] })}>
                    移出
                  </button>
                </li>
              ))}
              {g.members.length === 0 && <li>尚無成員</li>}
            </ul>
            <label>
              加入成員{' '}
              <select className="select" value={pick[g.id] ?? ''} onChange={(e) => setPick({ ...pick, [g.id]: e.target.value })} aria-label={`加入 ${g.name} 的帳號`}>
                <option value="">（選擇帳號）</option>
                {others.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.displayName}（{a.username}）
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="button" className="button button--small" disabled={!pick[g.id]} onClick={() => void members(g, { add: [Number(pick[g.id])] }).then(() => setPick({ ...pick, [g.id]: '' }))}>
              加入
            </button>
          </section>
        );
      })}
    </>
  );
}
