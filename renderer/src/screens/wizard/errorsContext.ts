import { createContext, useContext } from 'react';
import type { FieldError } from '../../../../shared/cases/validateDraft';
import { stepOfPath } from '../../lib/wizardSteps';
import { useWizard } from '../../stores/wizard';

/** The draft's current errors, computed once per render of the wizard and read by every field. */
export const WizardErrorsContext = createContext<readonly FieldError[]>([]);

/**
 * The error a field shows: once the clerk has left the field or tried to leave the step (errors
 * while still typing would only nag), or immediately when `live` says the input looks complete.
 */
export function useFieldError(path: string, live = false): string | null {
  const error = useContext(WizardErrorsContext).find((e) => e.path === path);
  const touched = useWizard((s) => s.touched[path] === true);
  const attempted = useWizard((s) => s.attempted[stepOfPath(path)] === true);
  if (!error) return null;
  return touched || attempted || live ? error.message : null;
}

/**
 * Every message at a path that names a whole group rather than one input (`participants`: a role
 * short of people; `documents`: each document not yet marked), once the clerk tried to leave the step.
 */
export function useGroupErrors(path: string): string[] {
  const errors = useContext(WizardErrorsContext).filter((e) => e.path === path);
  const attempted = useWizard((s) => s.attempted[stepOfPath(path)] === true);
  return attempted ? errors.map((e) => e.message) : [];
}
