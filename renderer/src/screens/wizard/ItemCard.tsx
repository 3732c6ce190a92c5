import type { CatalogueItem } from '../../../../shared/catalogue/schema';
import { errorId, fieldId } from '../../lib/fieldIds';
import type { ItemState } from '../../lib/draft';
import { useWizard } from '../../stores/wizard';
import { useFieldError } from './errorsContext';
import { rocLong } from '../../lib/format';
import { DefinedFieldInput } from './fields/DefinedFieldInput';

type ItemCardProps = {
  item: CatalogueItem;
  state: ItemState;
  receiverName: string;
  /** Set when the life event decides (稅單查證 without a tax bill): the box cannot be changed here. */
  forcedReason?: string;
  /** The citizen's legal deadline for this matter (null date: the event date it counts from is not given yet). */
  legalDue?: { date: string | null; basis: string };
};

/** One agency item: tick it, then its fields (prefilled from steps 1–2) appear under it. */
export function ItemCard({ item, state, receiverName, forcedReason, legalDue }: ItemCardProps) {
  const setSelected = useWizard((s) => s.setItemSelected);
  const setField = useWizard((s) => s.setItemField);
  const path = `items.${item.code}`;
  const error = useFieldError(path);
  const kind = item.kind === 'verification' ? '檢證' : '通報';
  return (
    <fieldset className={`item-card${state.selected ? ' item-card--on' : ''}${error ? ' field--error' : ''}`}>
      <legend className="item-card__legend">
        <input
          id={fieldId(path)}
          data-path={path}
          type="checkbox"
          className="check__box"
          checked={state.selected}
          disabled={forcedReason !== undefined}
          aria-describedby={error ? errorId(path) : undefined}
          onChange={(e) => setSelected(item.code, e.target.checked)}
        />
        <label htmlFor={fieldId(path)} className="item-card__title">
          <span className="item-card__code">{item.code}</span> {item.title}
        </label>
        <span className={`badge badge--${item.kind}`}>{kind}</span>
        {forcedReason !== undefined && state.selected && <span className="badge badge--auto">依規定自動加辦</span>}
      </legend>
      <p className="item-card__meta">
        → {receiverName} · 處理期限 {item.processingDays} 日{forcedReason ? ` · ${forcedReason}` : ''}
      </p>
      {legalDue && (
        <p className="item-card__due">
          法定期限：{legalDue.date ? <strong>{rocLong(legalDue.date)}</strong> : '（待填事件日期）'}
          <span className="item-card__basis">（{legalDue.basis}）</span>
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId(path)} role="alert">
          {error}
        </p>
      )}
      {state.selected && item.fields.length > 0 && (
        <div className="form-grid form-grid--item">
          {item.fields.map((f) => (
            <DefinedFieldInput key={f.key} path={`${path}.${f.key}`} field={f} value={state.fields[f.key]} onChange={(v) => setField(item.code, f.key, v)} />
          ))}
        </div>
      )}
    </fieldset>
  );
}
