import type { ChangeEvent } from 'react';
import { ROLE_LABEL, type Role } from '../../../../shared/auth/roles';
import { Field, inputAria } from '../../components/Field';

type Props = {
  /** The roles this administrator may hand out (shared/accounts/scope.ts). */
  roles: readonly Role[];
  value: Role;
  onChange(e: ChangeEvent<HTMLSelectElement>): void;
  error: string | undefined;
  disabled?: boolean;
};

/** 角色: the same labelled select on the create and edit forms. */
export function RoleField({ roles, value, onChange, error, disabled }: Props) {
  return (
    <Field path="role" label="角色" required error={error ?? null}>
      <select className="input select" disabled={disabled} value={value} onChange={onChange} {...inputAria('role', { error, required: true })}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
    </Field>
  );
}
