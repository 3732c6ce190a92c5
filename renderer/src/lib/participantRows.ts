import type { LifeEvent, ParticipantRole, PersonField } from '../../../shared/catalogue/schema';
import { PERSON_FIELDS } from '../../../shared/catalogue/schema';
import type { ParticipantInput } from '../../../shared/cases/schema';
import { canonicalOr, isoOr } from './fieldWire';

/** One person block on the 民眾資料 step, as typed. Every row carries every person field; the role decides which are shown and sent. */
export type PersonKey = 'id' | 'name' | PersonField;
export type ParticipantRow = { key: string; role: string } & Record<PersonKey, string>;

let rowSeq = 0;

export const blankRow = (role: string): ParticipantRow => ({
  key: `${role}-${++rowSeq}`,
  role,
  id: '',
  name: '',
  birthDate: '',
  phone: '',
  address: '',
  relation: '',
  title: '',
});

/** The inputs a role shows, in order: ID, name, then the person fields it asks for (the 遷徙 order: ID, 姓名, 出生日期, 電話). */
export const personKeysOf = (role: ParticipantRole): PersonKey[] => ['id', 'name', ...PERSON_FIELDS.filter((f) => role.person[f] !== undefined)];

const isBlank = (row: ParticipantRow, role: ParticipantRole): boolean => personKeysOf(role).every((k) => row[k].trim() === '');

/**
 * One block per role in the event's order, each with as many rows as it needs (at least one, so an
 * optional 父 can be typed without a button). `keep` is the person already at the desk: switching
 * the life event keeps them as the new event's primary participant.
 */
export function rowsFor(event: LifeEvent, keep?: ParticipantRow): ParticipantRow[] {
  const rows = event.participants.flatMap((r) => Array.from({ length: Math.max(r.min, 1) }, () => blankRow(r.role)));
  if (keep && rows[0]) rows[0] = { ...keep, key: rows[0].key, role: rows[0].role };
  return rows;
}

/** Where a new row of `role` goes: after the role's last row, so rows stay in the event's role order. */
export function insertRow(rows: ParticipantRow[], event: LifeEvent, role: string): { rows: ParticipantRow[]; index: number } {
  const order = event.participants.map((r) => r.role);
  const at = rows.findLastIndex((r) => order.indexOf(r.role) <= order.indexOf(role)) + 1;
  return { rows: [...rows.slice(0, at), blankRow(role), ...rows.slice(at)], index: at };
}

/**
 * The participants the contract gets, in the event's role order, and for each the row it came from
 * (so an error at `participants[2].name` is shown at that row). A blank row beyond the role's
 * minimum is left out (an unknown father, an unused member line); a blank required one is sent so
 * the validator names its empty fields.
 */
export function participantsOf(event: LifeEvent, rows: readonly ParticipantRow[]): { input: ParticipantInput[]; rowOf: number[] } {
  const input: ParticipantInput[] = [];
  const rowOf: number[] = [];
  for (const role of event.participants) {
    let n = 0;
    rows.forEach((row, index) => {
      if (row.role !== role.role) return;
      const nth = n++;
      if (nth >= role.min && isBlank(row, role)) return;
      const p: ParticipantInput = { role: role.role, name: row.name.trim() };
      const id = row.id.trim().toUpperCase();
      if (id || role.idRequired) p.id = id;
      for (const f of PERSON_FIELDS) {
        if (role.person[f] === undefined) continue;
        const raw = row[f];
        p[f] = f === 'birthDate' ? isoOr(raw) : f === 'address' ? canonicalOr(raw) : raw.trim();
      }
      input.push(p);
      rowOf.push(index);
    });
  }
  return { input, rowOf };
}
