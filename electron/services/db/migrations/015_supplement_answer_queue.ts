import type { Migration } from '../migrate';

/**
 * 補件 answers wait at the counter when the platform cannot be reached (issue 14 §3): the clerk's
 * answer is kept on its round with the request body exactly as it will be sent (`queued_body`,
 * JSON, its message id fixed at queue time so a resend after a lost answer is a duplicate, never a
 * second round answer), and the next sync delivers it. `answer_state`: NULL nothing from this
 * counter yet; `queued` waiting; `sent` the platform took it; `refused` the platform said no
 * (e.g. the agency transferred or closed the notification meanwhile), with its zh-TW reason.
 * The round's `answer` JSON gains `attachments` ([{sha256, pages}], the scanned files answered with).
 */
export const m015SupplementAnswerQueue: Migration = {
  version: 15,
  name: 'supplement-answer-queue',
  up: `
    ALTER TABLE supplement_requests ADD COLUMN answer_state TEXT CHECK (answer_state IN ('queued', 'sent', 'refused'));
    ALTER TABLE supplement_requests ADD COLUMN queued_body TEXT;
    ALTER TABLE supplement_requests ADD COLUMN queued_at TEXT;
    ALTER TABLE supplement_requests ADD COLUMN refusal TEXT;
    CREATE INDEX supplement_requests_queued ON supplement_requests(queued_at) WHERE answer_state = 'queued';
  `,
};
