const ACCOUNTS: { username: string; who: string }[] = [
  { username: 'clerk', who: '臨櫃承辦人員（王怡君）' },
  { username: 'clerk2', who: '臨櫃承辦人員（林志明）' },
  { username: 'scanner', who: '掃描人員（黃淑芬）' },
  { username: 'supervisor', who: '主管（陳美玲）' },
  { username: 'admin', who: '系統管理員（張建宏）' },
  { username: 'tax', who: '接收機關：高雄市稅捐稽徵處（收件匣、檢證回覆）' },
  { username: 'land', who: '接收機關：鳳山地政事務所' },
  { username: 'motor', who: '接收機關：高雄區監理所' },
  { username: 'social', who: '接收機關：高雄市政府社會局' },
];

/** Shown only when system.info says demo: the seeded accounts, all with password demo1234. */
export function DemoAccounts() {
  return (
    <aside className="card demo" aria-labelledby="demo-title">
      <h2 id="demo-title" className="card__title">
        示範環境帳號
      </h2>
      <p className="field__help">
        密碼皆為 <code>demo1234</code>。資料為虛構示範資料。
      </p>
      <table className="table table--compact">
        <tbody>
          {ACCOUNTS.map((a) => (
            <tr key={a.username}>
              <td>
                <code>{a.username}</code>
              </td>
              <td>{a.who}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
