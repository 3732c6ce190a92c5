import type { Migration } from '../migrate';

/**
 * The audit chain cannot fork (issue 17 #9): no two rows may name the same previous hash. This is
 * UNIQUE(prev_hash) for every row written from now on, enforced by a trigger over an index rather
 * than by a UNIQUE index, on purpose: a database that already holds a fork (two writers before the
 * append took the write lock) would make CREATE UNIQUE INDEX fail, the migration would stop, and the
 * counter would not start. Rewriting or deleting the forked rows is not an option either: they are
 * evidence. So an existing fork stays as written and `verify-audit` keeps reporting it (BROKEN at the
 * second branch), while any new row whose prev_hash already has a successor is refused.
 */
export const m008AuditSingleSuccessor: Migration = {
  version: 8,
  name: 'audit_single_successor',
  up: `
    CREATE INDEX audit_prev_hash ON audit(prev_hash);
    CREATE TRIGGER audit_one_successor BEFORE INSERT ON audit
      WHEN EXISTS (SELECT 1 FROM audit WHERE prev_hash = NEW.prev_hash)
      BEGIN SELECT RAISE(ABORT, 'audit chain fork: this prev_hash already has a successor'); END;
  `,
};
