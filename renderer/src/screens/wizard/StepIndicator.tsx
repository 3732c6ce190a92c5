import { STEP_TITLES, type WizardStep } from '../../lib/draft';

const STEPS: WizardStep[] = [1, 2, 3, 4];

/** 1 民眾資料 › 2 遷徙資料 › 3 通報機關 › 4 確認儲存, current step marked for screen readers too. */
export function StepIndicator({ step }: { step: WizardStep }) {
  return (
    <ol className="steps" aria-label="新案件步驟">
      {STEPS.map((n) => (
        <li key={n} className={`steps__item${n === step ? ' steps__item--current' : ''}${n < step ? ' steps__item--done' : ''}`} aria-current={n === step ? 'step' : undefined}>
          <span className="steps__num">{n < step ? '✓' : n}</span>
          <span className="steps__title">{STEP_TITLES[n]}</span>
        </li>
      ))}
    </ol>
  );
}
