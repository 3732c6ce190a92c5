import type { Route } from '../stores/route';

type Key = [key: string, what: string];

const LEGEND: Record<Route['screen'] | 'inbox', Key[]> = {
  inbox: [
    ['↑↓', '選擇通報'],
    ['Enter', '開啟（簽收）／執行'],
    ['Tab', '移動'],
    ['Esc', '返回'],
  ],
  login: [
    ['Enter', '下一欄／登入'],
    ['Tab', '移動'],
  ],
  home: [
    ['F2', '新案件'],
    ['F3', '查詢'],
    ['Enter', '查詢／開啟案件'],
    ['↑↓', '選擇案件'],
  ],
  wizard: [
    ['Enter', '下一欄'],
    ['F10', '下一步'],
    ['Esc', '上一步／取消'],
    ['F9', '檢核並儲存'],
    ['空白鍵', '勾選'],
    ['Tab', '移動'],
  ],
  print: [
    ['Enter', '執行按鈕'],
    ['F2', '新案件'],
    ['F3', '查詢'],
    ['Esc', '回首頁'],
  ],
  audit: [
    ['Enter', '驗證稽核鏈'],
    ['Esc', '回首頁'],
  ],
  scanning: [
    ['F9', '開始掃描／監看'],
    ['Esc', '取消掃描／結束監看／回首頁'],
    ['Tab', '移動到頁面'],
    ['Enter', '檢視頁面'],
    ['空白鍵', '選取未歸案頁'],
    ['F3', '查詢案件'],
  ],
  stats: [
    ['Tab', '移動到篩選條件'],
    ['Enter', '套用／匯出'],
    ['Esc', '回首頁'],
  ],
  overdue: [
    ['↑↓', '選擇'],
    ['Enter', '開啟案件'],
    ['Esc', '回首頁'],
  ],
  accounts: [
    ['Tab', '移動'],
    ['Enter', '執行'],
    ['Esc', '回首頁'],
  ],
  case: [
    ['F2', '新案件'],
    ['F3', '查詢'],
    ['Esc', '回首頁'],
  ],
};

/** The keys that work on this screen, always on show above the status strip. */
export function KeyLegend({ screen }: { screen: Route['screen'] | 'inbox' }) {
  return (
    <nav className="key-legend" aria-label="快速鍵">
      {LEGEND[screen].map(([key, what]) => (
        <span key={key} className="key-legend__item">
          <kbd>{key}</kbd> {what}
        </span>
      ))}
    </nav>
  );
}
