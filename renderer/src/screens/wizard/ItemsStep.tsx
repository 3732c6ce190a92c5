import { findItem, findLifeEvent, forcedSelection } from '../../lib/draft';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { useFieldError } from './errorsContext';
import { ItemCard } from './ItemCard';

/** Step 3: the agencies to notify, pre-ticked by the life event. */
export function ItemsStep() {
  const catalogue = useSession((s) => s.catalogue);
  const lifeEvent = useWizard((s) => s.lifeEvent);
  const items = useWizard((s) => s.items);
  const hasBill = useWizard((s) => s.hasHouseTaxBill);
  const noneError = useFieldError('items');
  const event = catalogue ? findLifeEvent(catalogue, lifeEvent) : undefined;
  if (!catalogue || !event) return <p>服務目錄尚未載入。</p>;
  const selected = event.items.filter((r) => items[r.item]?.selected).length;
  return (
    <>
      <p className="step-lead">
        已勾選 <strong>{selected}</strong> 項。空白鍵勾選或取消；欄位已依前兩步預先填入。
      </p>
      {noneError && (
        <p className="field__error" role="alert">
          {noneError}
        </p>
      )}
      {event.items.map((ref) => {
        const item = findItem(catalogue, ref.item);
        const state = items[ref.item];
        if (!item || !state) return null;
        const forced = forcedSelection(ref.when, hasBill);
        const receiver = catalogue.agencies.find((a) => a.code === item.receiverAgency)?.name ?? item.receiverAgency;
        return (
          <ItemCard
            key={ref.item}
            item={item}
            state={state}
            receiverName={receiver}
            forcedReason={forced === undefined ? undefined : forced ? '民眾未攜帶房屋稅單，須一併辦理' : '民眾已攜帶房屋稅單，免辦'}
          />
        );
      })}
    </>
  );
}
