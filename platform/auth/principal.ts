import type { TokenKind } from '../../shared/platform/endpoints';

/** Who is calling, as established from a verified token. Identity never comes from headers or bodies. */
export type Principal =
  | { kind: 'workstation'; subject: string; jti: string; officeCode: string; workstationId: string }
  | { kind: 'agency'; subject: string; jti: string; agencyCode: string; clientId: string }
  | { kind: 'admin'; subject: string; jti: string; name: string };

export const subjectOf = {
  workstation: (office: string, ws: string) => `workstation:${office}/${ws}`,
  agency: (agency: string, client: string) => `agency:${agency}/${client}`,
  admin: (name: string) => `admin:${name}`,
} satisfies Record<TokenKind, (...a: string[]) => string>;

/** Which office's or agency's data a principal may see; admin sees all (null). */
export const officeScope = (p: Principal): string | null => (p.kind === 'workstation' ? p.officeCode : null);
export const agencyScope = (p: Principal): string | null => (p.kind === 'agency' ? p.agencyCode : null);
