import type { Migration } from '../migrate';

/**
 * Issue 13 (last finding): the case's progress record is registered with the platform when the case
 * is saved, not when its first notification leaves (those wait for the signed consent scan).
 * `registered_issue` is the code issue the platform has confirmed; a row needs registering while it
 * is NULL or below `issue`, so a reissued code registers again without anyone marking it.
 * Existing rows: a case with nothing left in the outbox has already carried its record to the
 * platform in its envelopes; a case with rows still pending (held for consent, or not yet sent) is
 * registered at the next sync.
 */
export const m017ProgressRegistration: Migration = {
  version: 17,
  name: 'progress-registration',
  up: `
    ALTER TABLE case_progress_codes ADD COLUMN registered_issue INTEGER;
    UPDATE case_progress_codes SET registered_issue = issue
      WHERE NOT EXISTS (
        SELECT 1 FROM outbox o JOIN notifications n ON n.id = o.notification_id
        WHERE n.case_id = case_progress_codes.case_id AND o.state = 'pending'
      );
    CREATE INDEX case_progress_codes_unregistered ON case_progress_codes(case_id) WHERE registered_issue IS NULL OR registered_issue < issue;
  `,
};
