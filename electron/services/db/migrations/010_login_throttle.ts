import type { Migration } from '../migrate';

/**
 * Login backoff (issue 13, counter login): failed password logins counted per account (the name as
 * typed, known or not, so a lockout says nothing about which accounts exist) and per workstation.
 * In the database, not in memory, so restarting the app does not hand an attacker fresh attempts.
 * `locked_until` is an ISO instant; NULL while under the free-attempt allowance.
 */
export const m010LoginThrottle: Migration = {
  version: 10,
  name: 'login_throttle',
  up: `
    CREATE TABLE login_throttle (
      scope TEXT NOT NULL CHECK (scope IN ('account', 'workstation')),
      key TEXT NOT NULL,
      failures INTEGER NOT NULL CHECK (failures >= 0),
      last_failed_at TEXT NOT NULL,
      locked_until TEXT,
      PRIMARY KEY (scope, key)
    ) STRICT, WITHOUT ROWID;
  `,
};
