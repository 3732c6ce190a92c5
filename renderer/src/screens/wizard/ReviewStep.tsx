import { DOCUMENT_STATUS_LABEL } from '../../../../shared/cases/schema';
import { displayValue, labelledFields } from '../../../../shared/cases/display';
import { validateDraft } from '../../../../shared/cases/validateDraft';
import { RELATIONS, isRelation } from '../../../../shared/household/relations';
import { maskPhone } from '../../../../shared/privacy/mask';
import { maskPersonId } from '../../../../shared/validators';
import { findLifeEvent } from '../../lib/catalogue';
import { buildDraft } from '../../lib/draft';
import { rocLong } from '../../lib/format';
import { CARD_PIN_FIELD, save } from '../../lib/wizardActions';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { useState } from 'react';
import { CountingScopePanel } from './CountingScopePanel';
import { LanguageField } from './LanguageField';
import { ReceiverCell } from './ReceiverCell';
import { SchedulePreview } from './SchedulePreview';

/**
 * The last step: everything once more as the services will store it (the validator's normalised
 * draft: ROC dates, canonical addresses, IDs masked), then 儲存 (Enter on the button, or F9).
 */
export function ReviewStep() {
  const catalogue = useSession((s) => s.catalogue);
  const cardSession = useSession((s) => s.user?.cardSession === true);
  // Issue 15 §1: a card session's save is signed on the card. The PIN lives in this field only while
  // the step is open; it is cleared after every attempt and never kept in the wizard's draft.
  const [pin, setPin] = useState('');
  const saveWithPin = () => {
    const entered = pin;
    setPin('');
    void save(cardSession ? entered : undefined);
  };
  const w = useWizard();
  const event = catalogue ? findLifeEvent(catalogue, w.lifeEvent) : undefined;
  const checked = catalogue ? validateDraft(buildDraft(w, catalogue), catalogue, w.today) : null;
  if (!catalogue || !event || !checked?.ok) return <p className="banner banner--error">尚有欄位需要修正（F9 前往）。</p>;
  const draft = checked.value;
  const chosen = new Set(draft.items.map((i) => i.item.code));
  return (
    <div className="review">
      <section className="review__block" aria-labelledby="review-person">
        <h3 id="review-person">民眾資料</h3>
        {draft.participants.map((p, i) => (
          <dl className="facts" key={i} aria-label={p.role.label}>
            {event.participants.length > 1 && (
              <>
                <dt>角色</dt>
                <dd>{p.role.label}</dd>
              </>
            )}
            <dt>身分證統一編號</dt>
            <dd className="mono">{p.id ? maskPersonId(p.id) : '—'}</dd>
            <dt>姓名</dt>
            <dd>{p.name}</dd>
            {p.birthDate && (
              <>
                <dt>出生日期</dt>
                <dd>{rocLong(p.birthDate)}</dd>
              </>
            )}
            {p.role.person.phone && (
              <>
                <dt>聯絡電話</dt>
                <dd className="mono">{p.phone ? maskPhone(p.phone) : '—'}</dd>
              </>
            )}
            {p.address && (
              <>
                <dt>地址</dt>
                <dd>{p.address}</dd>
              </>
            )}
            {p.relation && (
              <>
                <dt>關係</dt>
                <dd>
                  {isRelation(p.relation) ? RELATIONS[p.relation].label : p.relation}
                  {p.title ? `（${p.title}）` : ''}
                </dd>
              </>
            )}
          </dl>
        ))}
      </section>
      <section className="review__block" aria-labelledby="review-event">
        <h3 id="review-event">{event.name}</h3>
        <dl className="facts">
          {event.fields.map((f) => (
            <FieldFact key={f.key} label={f.label} value={labelledFields([f], draft.fields)[0]?.value ?? '—'} />
          ))}
        </dl>
      </section>
      {draft.documents.length > 0 && (
        <section className="review__block" aria-labelledby="review-documents">
          <h3 id="review-documents">文件檢核</h3>
          <dl className="facts">
            {draft.documents.map((d) => (
              <FieldFact key={d.code} label={d.name} value={DOCUMENT_STATUS_LABEL[d.status]} />
            ))}
          </dl>
        </section>
      )}
      <section className="review__block review__block--wide" aria-labelledby="review-items">
        <h3 id="review-items">通報機關（共 {draft.items.length} 項）</h3>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">項目</th>
              <th scope="col">接收機關</th>
              <th scope="col">內容</th>
            </tr>
          </thead>
          <tbody>
            {draft.items.map(({ item, fields, dueDate }) => (
              <tr key={item.code}>
                <td>
                  <span className="item-card__code">{item.code}</span> {item.title}
                  {dueDate && <span className="item-card__due">（法定期限 {rocLong(dueDate)}）</span>}
                </td>
                <td>
                  <ReceiverCell catalogue={catalogue} item={item} fields={fields} />
                </td>
                <td>
                  <ul className="kv">
                    {item.fields.map((f) => (
                      <li key={f.key}>
                        <span className="kv__k">{f.label}</span>
                        <span className="kv__v">{fields[f.key] === undefined || fields[f.key] === '' ? '—' : shownValue(f.type, fields[f.key]!)}</span>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <SchedulePreview event={event} fields={draft.fields} chosen={chosen} />
      <CountingScopePanel event={event} participants={draft.participants} fields={draft.fields} today={w.today} />
      <LanguageField />
      <div className="review__save">
        {cardSession && (
          <div className="field">
            <label className="field__label" htmlFor={CARD_PIN_FIELD}>
              憑證卡 PIN 碼（承辦人卡片簽章）
            </label>
            <input
              id={CARD_PIN_FIELD}
              className="input"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={16}
              value={pin}
              aria-describedby="wizard-card-pin-help"
              onChange={(e) => setPin(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                e.stopPropagation(); // the wizard's Enter moves on; here Enter saves
                saveWithPin();
              }}
            />
            <p id="wizard-card-pin-help" className="field__help">
              您以憑證卡登入：案件將以您的憑證卡簽章後儲存，PIN 碼不會被記錄。
            </p>
          </div>
        )}
        <button id="wizard-save" type="button" className="button button--primary button--large" disabled={w.saving} onClick={saveWithPin}>
          {w.saving ? '儲存中…' : '儲存案件並列印同意書'} <kbd>F9</kbd>
        </button>
        <p className="field__help">儲存後即產生案件編號，通報將排入待送出佇列。</p>
      </div>
    </div>
  );
}

/** Item payloads: personal IDs masked on screen (the form prints them for the agency). */
const shownValue = (type: string, v: Parameters<typeof displayValue>[1]): string =>
  type === 'personId' && typeof v === 'string' ? maskPersonId(v) : displayValue({ type: type as never }, v);

function FieldFact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
