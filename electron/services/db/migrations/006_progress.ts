import type { Migration } from '../migrate';

/** Placeholder reserved for the citizen progress lookup (issue 7); filled in before it ships. */
export const m006Progress: Migration = {
  version: 6,
  name: 'progress',
  up: ``,
};
