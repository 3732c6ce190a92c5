import type { LifeEvent } from '../../../../shared/catalogue/schema';
import { deadlineFrom } from '../../../../shared/cases/deadlines';
import type { FieldValue } from '../../../../shared/cases/schema';
import { rocLong } from '../../lib/format';

type SchedulePreviewProps = { event: LifeEvent; fields: Record<string, FieldValue>; chosen: ReadonlySet<string> };

/** 後續辦理時程 as the family's printout will list it: each matter, its legal deadline in ROC dates, and whether this visit sent it. */
export function SchedulePreview({ event, fields, chosen }: SchedulePreviewProps) {
  if (event.schedule.length === 0) return null;
  return (
    <section className="review__block review__block--wide" aria-labelledby="review-schedule">
      <h3 id="review-schedule">後續辦理時程（共 {event.schedule.length} 項）</h3>
      <table className="table table--schedule">
        <thead>
          <tr>
            <th scope="col">事項</th>
            <th scope="col">辦理機關</th>
            <th scope="col">期限</th>
            <th scope="col">本次</th>
          </tr>
        </thead>
        <tbody>
          {event.schedule.map((s, i) => {
            const due = deadlineFrom(s.deadline, fields);
            const sent = s.item !== undefined && chosen.has(s.item);
            return (
              <tr key={i}>
                <td>
                  {s.title}
                  {s.note && <span className="field__help">（{s.note}）</span>}
                </td>
                <td>{s.agency}</td>
                <td>{due ? `${rocLong(due)}前` : '—'}</td>
                <td>{sent ? <span className="badge badge--auto">本次已通報</span> : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
