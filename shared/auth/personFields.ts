import type { Role } from './roles';

/** Person fields a result may carry beyond the always-masked ID number. */
export type PersonField = 'name' | 'birthDate' | 'phone' | 'addresses';

/**
 * Field-level result permissions (issue 7), as data: what of a person each role sees in case
 * results. The ID number is always masked (full only through person.unmask, with reason and case).
 * A scanning clerk matches paper to cases by case number and masked ID, so sees nothing more.
 */
export const PERSON_FIELD_ACCESS: Record<Role, readonly PersonField[]> = {
  counter_clerk: ['name', 'birthDate', 'phone', 'addresses'],
  supervisor: ['name', 'birthDate', 'phone', 'addresses'],
  system_admin: ['name'],
  scanning_clerk: [],
  agency_clerk: ['name'],
  agency_admin: ['name'],
  provider_admin: [],
  query_user: [],
};

export const maySee = (role: Role, field: PersonField): boolean => PERSON_FIELD_ACCESS[role].includes(field);

/** 王小明 → 王○明, 王明 → 王○: recognisable to the person, not searchable by others. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '○';
  if (chars.length === 2) return `${chars[0]}○`;
  return `${chars[0]}${'○'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
