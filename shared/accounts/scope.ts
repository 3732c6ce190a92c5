import type { Role } from '../auth/roles';

/**
 * Who administers whom (issue 7). system_admin (系統管理員) manages every account, group and
 * certificate. The agency-side administrators manage only the accounts of their own office, and only
 * accounts in the roles their seat administers:
 * - agency_admin (業務機關管理員): the agency's clerks and query users;
 * - provider_admin (資料庫提供機關管理員): query users of the data it provides.
 * Groups and certificate enrolment stay with system_admin (a card links a person to the counter).
 */
export const ACCOUNT_ADMINS: readonly Role[] = ['system_admin', 'agency_admin', 'provider_admin'];

export function administeredRoles(actor: Role): readonly Role[] {
  switch (actor) {
    case 'system_admin':
      return ['system_admin', 'provider_admin', 'agency_admin', 'query_user', 'counter_clerk', 'scanning_clerk', 'agency_clerk', 'supervisor'];
    case 'agency_admin':
      return ['agency_clerk', 'query_user'];
    case 'provider_admin':
      return ['query_user'];
    default:
      return [];
  }
}

/** Whether `actor` may manage an account in `role` at `office` (office null: any office). */
export function mayAdminister(actor: { role: Role; officeCode: string | null }, target: { role: Role; officeCode: string }): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.officeCode === target.officeCode && administeredRoles(actor.role).includes(target.role);
}

/**
 * Search without a case number (by ID number or name) reveals who came to the counter, so only the
 * roles that serve citizens may do it; scanning clerks and system administrators look cases up by
 * case number only (issue 7: "Search without a case number is limited by role").
 */
export const PERSON_SEARCHERS: readonly Role[] = ['counter_clerk', 'supervisor'];
