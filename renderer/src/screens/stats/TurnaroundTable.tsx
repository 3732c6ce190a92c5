import type { Spread, StatsDashboard } from '../../../../shared/stats/dashboard';
import { durationText } from './format';

const STAGES = [
  ['toDelivery', '建立→送達平台'],
  ['toReceipt', '送達→機關收件'],
  ['toCompletion', '送達→結案'],
] as const;

const Cell = ({ s }: { s: Spread }) => (
  <>
    <td className="num">{durationText(s.medianS)}</td>
    <td className="num">{durationText(s.p90S)}</td>
    <td className="num stats-n">{s.n}</td>
  </>
);

/** 處理時效 per receiving agency: median and 90th percentile of each leg, with the sample size. */
export function TurnaroundTable({ data, agencyName }: { data: StatsDashboard; agencyName(code: string): string }) {
  const caption = '各機關處理時效（中位數／第 90 百分位）';
  return (
    <section className="card stats-table stats-table--wide" aria-label={caption}>
      <h2 className="card__title">{caption}</h2>
      {data.turnaround.length === 0 ? (
        <p className="empty">此期間沒有資料。</p>
      ) : (
        <table className="table table--compact" data-testid="stats-turnaround">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                機關
              </th>
              {STAGES.map(([key, label]) => (
                <th key={key} scope="colgroup" colSpan={3}>
                  {label}
                </th>
              ))}
            </tr>
            <tr>
              {STAGES.map(([key]) => (
                <Headers key={key} />
              ))}
            </tr>
          </thead>
          <tbody>
            {data.turnaround.map((t) => (
              <tr key={t.agency}>
                <th scope="row">{agencyName(t.agency)}</th>
                {STAGES.map(([key]) => (
                  <Cell key={key} s={t[key]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="field__help">「—」表示此期間尚無通報到達該階段；件數為計算時效的樣本數。</p>
    </section>
  );
}

const Headers = () => (
  <>
    <th scope="col" className="num">
      中位數
    </th>
    <th scope="col" className="num">
      P90
    </th>
    <th scope="col" className="num">
      件數
    </th>
  </>
);
