import { deadlineFrom } from '../../../../shared/cases/deadlines';
import { agencyName, findItem, findLifeEvent } from '../../lib/catalogue';
import { wireFields } from '../../lib/fieldWire';
import { forcedSelection } from '../../lib/itemStates';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { GroupErrors } from './GroupErrors';
import { ItemCard } from './ItemCard';

/** Step 3: the agencies to notify, pre-ticked by the life event; items its conditions decide cannot be changed here. */
export function ItemsStep() {
  const catalogue = useSession((s) => s.catalogue);
  const lifeEvent = useWizard((s) => s.lifeEvent);
  const items = useWizard((s) => s.items);
  const rawFields = useWizard((s) => s.fields);
  const event = catalogue ? findLifeEvent(catalogue, lifeEvent) : undefined;
  if (!catalogue || !event) return <p>服務目錄尚未載入。</p>;
  const fields = wireFields(event.fields, rawFields);
  const selected = event.items.filter((r) => items[r.item]?.selected).length;
  return (
    <>
      <p className="step-lead">
        已勾選 <strong>{selected}</strong> 項。空白鍵勾選或取消；欄位已依前兩步預先填入。
      </p>
      <GroupErrors path="items" />
      {event.items.map((ref) => {
        const item = findItem(catalogue, ref.item);
        const state = items[ref.item];
        if (!item || !state) return null;
        const forced = forcedSelection(ref, fields);
        const reason = ref.reason ?? '依本案資料';
        return (
          <ItemCard
            key={ref.item}
            item={item}
            state={state}
            receiverName={agencyName(catalogue, item.receiverAgency)}
            forcedReason={forced === undefined ? undefined : forced ? `${reason}，須一併辦理` : `非「${reason}」，免辦`}
            legalDue={ref.deadline ? { date: deadlineFrom(ref.deadline, fields), basis: ref.deadline.basis } : undefined}
          />
        );
      })}
    </>
  );
}
