import type { Migration } from '../migrate';

/** Placeholder reserved for accounts, groups and retention (issue 7); filled in before it ships. */
export const m007Accounts: Migration = {
  version: 7,
  name: 'accounts',
  up: ``,
};
