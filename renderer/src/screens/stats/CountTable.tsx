type CountTableProps = {
  caption: string;
  /** Column heading for what is counted (項目, 承辦人…). */
  what: string;
  rows: { key: string; label: string; count: number }[];
  testId: string;
  empty?: string;
};

/** A two-column ranking: label and count, largest first as the dashboard sends it. */
export function CountTable({ caption, what, rows, testId, empty = '此期間沒有資料。' }: CountTableProps) {
  return (
    <section className="card stats-table" aria-label={caption}>
      <h2 className="card__title">{caption}</h2>
      {rows.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <table className="table table--compact" data-testid={testId}>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{what}</th>
              <th scope="col" className="num">
                件數
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td>{r.label}</td>
                <td className="num">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
