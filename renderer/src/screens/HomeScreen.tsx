import { useEffect, useRef, type KeyboardEvent } from 'react';
import { CaseTable } from '../components/CaseTable';
import { isComposing } from '../keyboard/focus';
import { mayCall } from '../../../shared/auth/permissions';
import { ScreenLinks } from '../components/ScreenLinks';
import { go, useRoute } from '../stores/route';
import { useSession } from '../stores/session';
import { useSearch } from '../stores/search';
import { startWizard } from '../lib/startWizard';
import { OverdueButton } from './OverdueScreen';

/** Home: one search box over today's queue. F2 starts a case, F3 comes back to the box. */
export function HomeScreen() {
  const route = useRoute((s) => s.route);
  const role = useSession((st) => st.user?.role ?? null);
  const s = useSearch();
  const { loadToday } = s;
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadToday();
  }, [loadToday]);

  useEffect(() => {
    if (route.screen === 'home') {
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  }, [route]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (isComposing(e.nativeEvent)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      void s.search();
    } else if (e.key === 'Escape' && s.query) {
      e.preventDefault();
      s.clear();
    } else if (e.key === 'ArrowDown') {
      const first = document.querySelector<HTMLButtonElement>('.table--cases button.case-link');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  const searching = s.results !== null;
  return (
    <div className="home">
      <div className="home__top">
        <h1 className="page-title">臨櫃案件</h1>
        <button type="button" className="button button--primary" onClick={startWizard}>
          新案件 <kbd>F2</kbd>
        </button>
        {mayCall(role, 'scanning.start') && (
          <button type="button" className="button" onClick={() => go({ screen: 'scanning' })}>
            掃描歸檔 <kbd>F6</kbd>
          </button>
        )}
        {mayCall(role, 'overdue.count') && <OverdueButton />}
        <ScreenLinks role={role} />
      </div>
      <div className="search card">
        <label htmlFor="case-search" className="field__label">
          查詢案件 <kbd>F3</kbd>
        </label>
        <div className="search__row">
          <input
            ref={inputRef}
            id="case-search"
            type="search"
            className="input search__input"
            placeholder="案件編號、身分證號或姓名開頭"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            value={s.query}
            aria-describedby="case-search-help"
            onChange={(e) => s.setQuery(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="button" className="button" onClick={() => void s.search()} disabled={s.busy}>
            查詢
          </button>
        </div>
        <p id="case-search-help" className="field__help">
          Enter 查詢；↓ 移到結果；Esc 清除並回到本日案件。查詢會記錄於稽核紀錄。
        </p>
        {s.error && (
          <p className="field__error" role="alert">
            {s.error}
          </p>
        )}
      </div>
      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title" className="card__title">
          {searching ? `查詢結果：「${s.searchedFor}」（${s.results?.length ?? 0} 筆）` : `本日案件（${s.today?.length ?? 0} 件）`}
        </h2>
        {searching ? (
          <CaseTable cases={s.results ?? []} caption="查詢結果" withDate emptyText="查無符合的案件。" />
        ) : s.today ? (
          <CaseTable cases={s.today} caption="本日案件" emptyText="今天尚未受理案件。按 F2 開始新案件。" />
        ) : (
          <p className="empty">載入中…</p>
        )}
      </section>
    </div>
  );
}
