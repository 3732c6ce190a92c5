import { parseTaiwanAddress } from '../../../../shared/address';
import type { FieldValue } from '../../../../shared/cases/schema';
import { parseDateInput } from '../../../../shared/dates/isoDate';
import { maskPersonId } from '../../../../shared/validators';
import { findItem, findLifeEvent } from '../../lib/draft';
import { rocLong } from '../../lib/format';
import { maskPhone } from '../../../../shared/privacy/mask';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { save } from '../../lib/wizardActions';

const address = (raw: string): string => {
  const a = parseTaiwanAddress(raw);
  return a.ok ? a.canonical : raw;
};
const date = (raw: string): string => {
  const d = parseDateInput(raw);
  return d.ok ? rocLong(d.iso) : raw;
};
const shown = (type: string, v: FieldValue | undefined): string => {
  if (v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (type === 'address' && typeof v === 'string') return address(v);
  if (type === 'date' && typeof v === 'string') return date(v);
  return String(v);
};

/** Step 4: everything once more, ID masked, then 儲存 (Enter on the button, or F9). */
export function ReviewStep() {
  const catalogue = useSession((s) => s.catalogue);
  const w = useWizard();
  const event = catalogue ? findLifeEvent(catalogue, w.lifeEvent) : undefined;
  const chosen = (event?.items ?? []).filter((r) => w.items[r.item]?.selected);
  return (
    <div className="review">
      <section className="review__block" aria-labelledby="review-person">
        <h3 id="review-person">民眾資料</h3>
        <dl className="facts">
          <dt>身分證統一編號</dt>
          <dd className="mono">{maskPersonId(w.person.id)}</dd>
          <dt>姓名</dt>
          <dd>{w.person.name}</dd>
          <dt>出生日期</dt>
          <dd>{date(w.person.birth)}</dd>
          <dt>聯絡電話</dt>
          <dd className="mono">{w.person.phone.trim() ? maskPhone(w.person.phone) : '—'}</dd>
        </dl>
      </section>
      <section className="review__block" aria-labelledby="review-move">
        <h3 id="review-move">{event?.name ?? '生活事件'}</h3>
        <dl className="facts">
          <dt>原住址</dt>
          <dd>{address(w.oldAddress)}</dd>
          <dt>新住址</dt>
          <dd>{address(w.newAddress)}</dd>
          <dt>遷入日期</dt>
          <dd>{date(w.moveDate)}</dd>
          <dt>房屋稅單</dt>
          <dd>{w.hasHouseTaxBill ? '已攜帶' : '未攜帶（加辦稅單查證）'}</dd>
        </dl>
      </section>
      <section className="review__block review__block--wide" aria-labelledby="review-items">
        <h3 id="review-items">通報機關（共 {chosen.length} 項）</h3>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">項目</th>
              <th scope="col">接收機關</th>
              <th scope="col">內容</th>
            </tr>
          </thead>
          <tbody>
            {chosen.map((ref) => {
              const item = catalogue ? findItem(catalogue, ref.item) : undefined;
              if (!item) return null;
              const agency = catalogue?.agencies.find((a) => a.code === item.receiverAgency)?.name ?? item.receiverAgency;
              const values = w.items[ref.item]?.fields ?? {};
              return (
                <tr key={ref.item}>
                  <td>
                    <span className="item-card__code">{item.code}</span> {item.title}
                  </td>
                  <td>{agency}</td>
                  <td>
                    <ul className="kv">
                      {item.fields.map((f) => (
                        <li key={f.key}>
                          <span className="kv__k">{f.label}</span>
                          <span className="kv__v">{shown(f.type, values[f.key])}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <div className="review__save">
        <button id="wizard-save" type="button" className="button button--primary button--large" disabled={w.saving} onClick={() => void save()}>
          {w.saving ? '儲存中…' : '儲存案件並列印同意書'} <kbd>F9</kbd>
        </button>
        <p className="field__help">儲存後即產生案件編號，通報將排入待送出佇列。</p>
      </div>
    </div>
  );
}
