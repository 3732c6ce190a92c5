import type { Migration } from '../migrate';

/**
 * Accounts administration and retention (issue 7).
 *
 * - user_groups / user_group_members: 使用者群組 (e.g. a section of the office). A group carries a
 *   default role that a member gets when added; a user still has exactly ONE role (users.role),
 *   because sessions and the permission matrix rely on it. The menu/function permission groups are
 *   the roles of the matrix (shared/auth/permissions.ts), not rows here.
 * - users.updated_at: when an administrator last changed the account (the change itself is in the
 *   audit chain: 帳號異動紀錄 / 權限異動紀錄).
 * - purged_cases: which cases the retention purge has stripped of personal data. Attachment rows
 *   are immutable (migration 003: the hash proves the file), so a purge deletes the files and marks
 *   the case here instead of touching those rows.
 * - audit_action: the change-log screen filters the audit chain by action.
 */
export const m007Accounts: Migration = {
  version: 7,
  name: 'accounts',
  up: `
    CREATE TABLE user_groups (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      description TEXT NOT NULL DEFAULT '',
      default_role TEXT NOT NULL,
      office_code TEXT NOT NULL REFERENCES offices(code),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE user_group_members (
      group_id INTEGER NOT NULL REFERENCES user_groups(id),
      user_id INTEGER NOT NULL REFERENCES users(id),
      added_at TEXT NOT NULL,
      PRIMARY KEY (group_id, user_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX user_group_members_user ON user_group_members(user_id);

    ALTER TABLE users ADD COLUMN updated_at TEXT;

    CREATE TABLE purged_cases (
      case_id INTEGER PRIMARY KEY REFERENCES cases(id),
      purged_at TEXT NOT NULL,
      run_id TEXT NOT NULL,
      retention_years INTEGER NOT NULL,
      files_deleted INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE INDEX audit_action ON audit(action, at);
  `,
};
