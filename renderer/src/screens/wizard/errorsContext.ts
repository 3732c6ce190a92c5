import { createContext, useContext } from 'react';
import type { FieldError } from '../../../../shared/cases/validateDraft';
import { stepOfPath } from '../../lib/draft';
import { useWizard } from '../../stores/wizard';

/** The draft's current errors, computed once per render of the wizard and read by every field. */
export const WizardErrorsContext = createContext<ReadonlyMap<string, FieldError>>(new Map());

/**
 * The error a field shows: once the clerk has left the field or tried to leave the step (errors
 * while still typing would only nag), or immediately when `live` says the input looks complete.
 */
export function useFieldError(path: string, live = false): string | null {
  const error = useContext(WizardErrorsContext).get(path);
  const touched = useWizard((s) => s.touched[path] === true);
  const attempted = useWizard((s) => s.attempted[stepOfPath(path)] === true);
  if (!error) return null;
  return touched || attempted || live ? error.message : null;
}

/** Raw error (shown or not), e.g. to decide whether a hint is positive. */
export function useHasError(path: string): boolean {
  return useContext(WizardErrorsContext).has(path);
}
