import type { Migration } from '../migrate';

/**
 * The platform's public key, pinned at enrolment (issue 15 §2): every receipt, the log head and the
 * anchored audit head are checked against it, so a platform (or anyone between) answering with
 * another key is refused. NULL for credentials enrolled before: they enrol again to pin one.
 */
export const m016PinnedPlatformKey: Migration = {
  version: 16,
  name: 'pinned-platform-key',
  up: `
    ALTER TABLE platform_credentials ADD COLUMN platform_key TEXT;  -- SPKI DER, base64 (Ed25519)
  `,
};
