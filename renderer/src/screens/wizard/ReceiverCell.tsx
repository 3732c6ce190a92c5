import { useId, useState } from 'react';
import type { CatalogueItem } from '../../../../shared/catalogue/schema';
import { receiverKindOf, resolveReceiver } from '../../../../shared/routing';
import type { Catalogue } from '../../lib/catalogue';
import { useWizard } from '../../stores/wizard';

type Props = { catalogue: Catalogue; item: CatalogueItem; fields: Record<string, unknown> };

/**
 * The office an item goes to, as the counter will store it (shared/routing, the same function the
 * save runs): picked from the address or parcel the item concerns, shown before saving. The clerk
 * may choose another office of the same kind with a reason (issue 14 §1); an address outside every
 * service area must be settled this way.
 */
export function ReceiverCell({ catalogue, item, fields }: Props) {
  const choice = useWizard((s) => s.items[item.code]?.receiver);
  const setReceiver = useWizard((s) => s.setItemReceiver);
  const resolved = resolveReceiver(catalogue, item, fields, choice ? { agency: choice.agency, agencyReason: choice.reason } : {});
  const routed = resolveReceiver(catalogue, item, fields);
  const [editing, setEditing] = useState(false);
  const open = editing || !resolved.ok;
  return (
    <div className="receiver">
      {resolved.ok ? (
        <p className="receiver__name">
          <strong>{resolved.value.agency.name}</strong>
          {resolved.value.override ? (
            <span className="receiver__note">
              （改選；依轄區為{routed.ok ? routed.value.agency.name : '無'}，理由：{resolved.value.override.reason}）
            </span>
          ) : (
            resolved.value.route?.basis === 'area' && <span className="receiver__note">（依{resolved.value.route.place?.district ?? ''}轄區）</span>
          )}
        </p>
      ) : (
        <p className="receiver__error" role="alert">
          {resolved.error.message}
        </p>
      )}
      {open ? (
        <ReceiverChooser
          catalogue={catalogue}
          item={item}
          fields={fields}
          initial={choice}
          onDone={(next) => {
            setReceiver(item.code, next);
            setEditing(false);
          }}
          onCancel={resolved.ok ? () => setEditing(false) : undefined}
        />
      ) : (
        <button type="button" className="button button--small" aria-label={`改選機關…（${item.title}）`} onClick={() => setEditing(true)}>
          改選機關…
        </button>
      )}
    </div>
  );
}

type ChooserProps = Props & {
  initial: { agency: string; reason: string } | undefined;
  onDone(next: { agency: string; reason: string } | undefined): void;
  onCancel: (() => void) | undefined;
};

/** Another office of the item's kind and the reason; checked by the same rule the save applies before it is kept. */
function ReceiverChooser({ catalogue, item, fields, initial, onDone, onCancel }: ChooserProps) {
  const id = useId();
  const kind = receiverKindOf(catalogue, item);
  const offices = catalogue.agencies.filter((a) => a.kind === kind);
  const [agency, setAgency] = useState(initial?.agency ?? '');
  const [reason, setReason] = useState(initial?.reason ?? '');
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    const r = resolveReceiver(catalogue, item, fields, { agency, agencyReason: reason });
    if (!r.ok) return setError(r.error.message);
    onDone(r.value.override ? { agency, reason: reason.trim() } : undefined);
  };
  return (
    <fieldset className="receiver__chooser">
      <legend>改選受理機關</legend>
      <label htmlFor={`${id}-agency`}>機關</label>
      <select id={`${id}-agency`} value={agency} onChange={(e) => setAgency(e.target.value)}>
        <option value="">（依轄區）</option>
        {offices.map((a) => (
          <option key={a.code} value={a.code}>
            {a.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>理由（2–200 字）</label>
      <input id={`${id}-reason`} type="text" value={reason} maxLength={200} aria-invalid={error !== null} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => setReason(e.target.value)} />
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="receiver__actions">
        <button type="button" className="button button--small" onClick={confirm}>
          確定
        </button>
        {onCancel && (
          <button type="button" className="button button--small" onClick={onCancel}>
            取消
          </button>
        )}
      </div>
    </fieldset>
  );
}
