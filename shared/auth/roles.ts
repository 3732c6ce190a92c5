import { z } from '../zod';

/**
 * Roles: the four of seed 000 (系統管理員, 資料庫提供機關管理員, 業務機關管理員, 一般業務查詢使用者)
 * plus the people at and behind the counter (DESIGN.md §8).
 */
export const ROLES = [
  'system_admin',
  'provider_admin',
  'agency_admin',
  'query_user',
  'counter_clerk',
  'scanning_clerk',
  'agency_clerk',
  'supervisor',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABEL: Record<Role, string> = {
  system_admin: '系統管理員',
  provider_admin: '資料庫提供機關管理員',
  agency_admin: '業務機關管理員',
  query_user: '一般業務查詢使用者',
  counter_clerk: '臨櫃承辦人員',
  scanning_clerk: '掃描人員',
  agency_clerk: '接收機關承辦人員',
  supervisor: '主管',
};

/** Who may take a case at the counter, and who may look cases up. Enforced in the services layer. */
export const CASE_WRITERS: readonly Role[] = ['counter_clerk', 'supervisor'];
export const CASE_READERS: readonly Role[] = ['counter_clerk', 'supervisor', 'scanning_clerk', 'system_admin'];
