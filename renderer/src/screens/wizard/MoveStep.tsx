import { findItem, findLifeEvent } from '../../lib/draft';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { AddressField } from './fields/AddressField';
import { CheckboxField } from './fields/CheckboxField';
import { RocDateField } from './fields/RocDateField';

/** Step 2: the 遷徙 life event: from where, to where, when, and whether the tax bill came along. */
export function MoveStep() {
  const catalogue = useSession((s) => s.catalogue);
  const w = useWizard();
  const event = catalogue ? findLifeEvent(catalogue, w.lifeEvent) : undefined;
  const conditional = event?.items.filter((r) => r.when === 'noHouseTaxBill').map((r) => (catalogue ? findItem(catalogue, r.item) : undefined)) ?? [];
  const names = conditional.map((i) => (i ? `「${i.title}」（${i.code}）` : '')).join('、');
  const billHint = w.hasHouseTaxBill ? (
    <span className="ok">✓ 民眾已出示房屋稅單，不需稅單查證</span>
  ) : (
    <span className="warn">未攜帶稅單：將自動加辦{names || '稅單查證'}</span>
  );
  return (
    <>
      {event && (
        <p className="event-banner">
          <span className="event-banner__name">生活事件：{event.name}</span>
          <span className="event-banner__desc">{event.description}</span>
        </p>
      )}
      <div className="form-grid">
        <AddressField path="oldAddress" label="原住址" required value={w.oldAddress} onChange={(v) => w.setTop('oldAddress', v)} />
        <AddressField path="newAddress" label="新住址（遷入地址）" required value={w.newAddress} onChange={(v) => w.setTop('newAddress', v)} />
        <RocDateField path="moveDate" label="遷入日期" required value={w.moveDate} onChange={(v) => w.setTop('moveDate', v)} />
        <CheckboxField
          path="hasHouseTaxBill"
          label="民眾已攜帶房屋稅單"
          checked={w.hasHouseTaxBill}
          onChange={(v) => catalogue && w.setHouseTaxBill(v, catalogue)}
          hint={billHint}
        />
      </div>
    </>
  );
}
