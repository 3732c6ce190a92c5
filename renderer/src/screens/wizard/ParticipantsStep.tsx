import { findLifeEvent } from '../../lib/catalogue';
import { fieldId } from '../../lib/fieldIds';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { GroupErrors } from './GroupErrors';
import { SelectField } from './fields/SelectField';
import { RoleBlock } from './RoleBlock';

/**
 * Step 1: the life event (遷徙 unless the clerk picks another: Shift+Tab from the first field, arrow
 * keys) and who takes part — one block per role, in the event's order.
 */
export function ParticipantsStep() {
  const catalogue = useSession((s) => s.catalogue);
  const lifeEvent = useWizard((s) => s.lifeEvent);
  const rows = useWizard((s) => s.participants);
  const choose = useWizard((s) => s.chooseLifeEvent);
  const event = catalogue ? findLifeEvent(catalogue, lifeEvent) : undefined;
  if (!catalogue) return <p>服務目錄尚未載入。</p>;
  const options = catalogue.lifeEvents.map((e) => ({ value: e.code, label: e.name }));
  return (
    <div id={fieldId('participants')}>
      <div className="form-grid">
        <SelectField
          path="lifeEvent"
          label="生活事件"
          required
          value={lifeEvent}
          options={options}
          onChange={(code) => choose(code, catalogue)}
          help={event?.description}
          skipOnEntry
        />
      </div>
      <GroupErrors path="participants" />
      {event?.participants.map((role) => (
        <RoleBlock
          key={role.role}
          role={role}
          alone={event.participants.length === 1}
          rows={rows.flatMap((row, index) => (row.role === role.role ? [{ row, index }] : []))}
        />
      ))}
    </div>
  );
}
