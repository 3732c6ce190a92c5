import type { FieldDef } from '../../../../shared/catalogue/schema';
import type { LifeEvent } from '../../../../shared/catalogue/schema';
import { evaluateCondition } from '../../../../shared/cases/conditions';
import type { FieldValue } from '../../../../shared/cases/schema';
import { findItem, findLifeEvent, type Catalogue } from '../../lib/catalogue';
import { wireFields } from '../../lib/fieldWire';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { DefinedFieldInput } from './fields/DefinedFieldInput';

/** Does a condition mention this field anywhere (so its value decides the item)? */
const mentions = (c: LifeEvent['items'][number]['when'], key: string): boolean =>
  c !== 'always' && ('all' in c ? c.all.some((x) => mentions(x, key)) : 'any' in c ? c.any.some((x) => mentions(x, key)) : 'not' in c ? mentions(c.not, key) : c.field === key);

/**
 * Under a yes/no that decides items: what its current value adds or spares, so the clerk sees the
 * consequence while ticking (e.g. 未攜帶房屋稅單 → 稅單查證).
 */
function consequence(event: LifeEvent, catalogue: Catalogue, field: FieldDef, fields: Record<string, FieldValue>) {
  const refs = event.items.filter((r) => mentions(r.when, field.key));
  if (field.type !== 'boolean' || refs.length === 0) return undefined;
  const wire = wireFields(event.fields, fields);
  const names = (on: boolean) =>
    refs
      .filter((r) => evaluateCondition(r.when, wire) === on)
      .map((r) => `「${findItem(catalogue, r.item)?.title ?? r.item}」`)
      .join('、');
  const added = names(true);
  const spared = names(false);
  return (
    <>
      {added && <span className="warn">將自動加辦{added}</span>}
      {added && spared && '；'}
      {spared && <span className="ok">不需辦理{spared}</span>}
    </>
  );
}

/** Step 2: the life event's own fields, each drawn by its catalogue type (ROC date, address, choice, money, lists, account). */
export function EventFieldsStep() {
  const catalogue = useSession((s) => s.catalogue);
  const lifeEvent = useWizard((s) => s.lifeEvent);
  const fields = useWizard((s) => s.fields);
  const setField = useWizard((s) => s.setField);
  const event = catalogue ? findLifeEvent(catalogue, lifeEvent) : undefined;
  if (!catalogue || !event) return <p>服務目錄尚未載入。</p>;
  return (
    <>
      <p className="event-banner">
        <span className="event-banner__name">生活事件：{event.name}</span>
        <span className="event-banner__desc">{event.description}</span>
      </p>
      <div className="form-grid">
        {event.fields.map((f) => (
          <DefinedFieldInput
            key={f.key}
            path={`fields.${f.key}`}
            field={f}
            value={fields[f.key]}
            onChange={(v) => setField(f.key, v, catalogue)}
            hint={consequence(event, catalogue, f, fields)}
          />
        ))}
      </div>
    </>
  );
}
