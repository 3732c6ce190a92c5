import type { LifeEvent } from '../../../shared/catalogue/schema';

/**
 * The wizard's steps, as kinds rather than numbers: which ones a case has depends on its life
 * event (文件檢核 only where the event keeps a checklist), so 遷徙 keeps its four steps.
 */
export type StepKind = 'participants' | 'fields' | 'items' | 'documents' | 'review';

export function stepsOf(event: LifeEvent | undefined): StepKind[] {
  const steps: StepKind[] = ['participants'];
  if (!event || event.fields.length > 0) steps.push('fields');
  steps.push('items');
  if (event && event.documents.length > 0) steps.push('documents');
  steps.push('review');
  return steps;
}

export function stepTitle(kind: StepKind, event: LifeEvent | undefined): string {
  switch (kind) {
    case 'participants':
      return '民眾資料';
    case 'fields':
      return `${event?.name ?? '事件'}資料`;
    case 'items':
      return '通報機關';
    case 'documents':
      return '文件檢核';
    default:
      return '確認儲存';
  }
}

/** Which step shows the field an error path belongs to (the validator's paths: participants[i].x, fields.k, items.C.k, documents…). */
export function stepOfPath(path: string): StepKind {
  if (path === 'lifeEvent' || path.startsWith('participants')) return 'participants';
  if (path.startsWith('items')) return 'items';
  if (path.startsWith('documents')) return 'documents';
  return 'fields';
}
