import type { ParticipantRole } from '../../../../shared/catalogue/schema';
import type { ParticipantRow } from '../../lib/participantRows';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { ParticipantRowFields } from './ParticipantRowFields';

type RoleBlockProps = {
  role: ParticipantRole;
  /** This role's rows with their positions among all rows (the index in `participants[i]`). */
  rows: { row: ParticipantRow; index: number }[];
  /** One role only (遷徙): no heading, the step looks as it always did. */
  alone: boolean;
};

const addId = (role: string) => `wizard-add-${role}`;

/**
 * The people of one role. A role that takes several (新生兒, 戶內人口) gets 新增 and 移除 buttons —
 * Tab reaches them, Enter presses them; a new row takes the focus, a removed one hands it to 新增.
 */
export function RoleBlock({ role, rows, alone }: RoleBlockProps) {
  const catalogue = useSession((s) => s.catalogue);
  const add = useWizard((s) => s.addParticipant);
  const remove = useWizard((s) => s.removeParticipant);
  const many = role.max > 1;
  if (alone && !many) return rows[0] ? <ParticipantRowFields role={role} row={rows[0].row} index={rows[0].index} /> : null;
  return (
    <fieldset className="role-block" aria-label={role.label}>
      <legend className="role-block__legend">
        {role.label}
        {role.min === 0 && <span className="role-block__note">（選填）</span>}
        {many && <span className="role-block__note">（{role.min}–{role.max} 位）</span>}
      </legend>
      {rows.map(({ row, index }, n) => (
        <div key={row.key} className="role-block__row" role={many ? 'group' : undefined} aria-label={many ? `${role.label}第 ${n + 1} 位` : undefined}>
          <ParticipantRowFields role={role} row={row} index={index} />
          {many && rows.length > role.min && (
            <button type="button" className="button button--small" onClick={() => remove(index, addId(role.role))}>
              移除第 {n + 1} 位{role.label}
            </button>
          )}
        </div>
      ))}
      {many && rows.length < role.max && (
        <button id={addId(role.role)} type="button" className="button button--small" onClick={() => catalogue && add(role.role, catalogue)}>
          ＋ 新增{role.label}
        </button>
      )}
    </fieldset>
  );
}

