import type Database from 'better-sqlite3';

export type ParticipantRow = {
  id: number; role: string; seq: number; person_id: string | null; id_kind: string | null; name: string;
  birth_date: string | null; phone: string | null; address: string | null; relation: string | null; title: string | null;
};

/** A case's participants in the order they were given (seq 0 is the primary participant). */
export const loadParticipants = (db: Database.Database, caseId: number): ParticipantRow[] =>
  db.prepare('SELECT * FROM participants WHERE case_id = ? ORDER BY seq').all(caseId) as ParticipantRow[];

/** SQL for the primary participant's row id of case `c`, the person an audit row names (person_ref). */
export const PRIMARY_PARTICIPANT_SQL = '(SELECT id FROM participants WHERE case_id = c.id AND seq = 0)';
