import type { LifeEvent } from '../../../../shared/catalogue/schema';
import { stepTitle, type StepKind } from '../../lib/wizardSteps';

/** 1 民眾資料 › 2 遷徙資料 › 3 通報機關 › (文件檢核 ›) 確認儲存, current step marked for screen readers too. */
export function StepIndicator({ steps, step, event }: { steps: StepKind[]; step: StepKind; event: LifeEvent | undefined }) {
  const here = steps.indexOf(step);
  return (
    <ol className="steps" aria-label="新案件步驟">
      {steps.map((kind, n) => (
        <li key={kind} className={`steps__item${n === here ? ' steps__item--current' : ''}${n < here ? ' steps__item--done' : ''}`} aria-current={n === here ? 'step' : undefined}>
          <span className="steps__num">{n < here ? '✓' : n + 1}</span>
          <span className="steps__title">{stepTitle(kind, event)}</span>
        </li>
      ))}
    </ol>
  );
}
