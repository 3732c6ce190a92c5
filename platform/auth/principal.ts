import type { TokenKind } from '../../shared/platform/endpoints';

/** Who is calling, as established from a verified token. Identity never comes from headers or bodies. */
export type Principal =
  /** senderAgency: the office's own agency code, bound by the admin's enrolment code (null: a token from before that binding). */
  | { kind: 'workstation'; subject: string; jti: string; officeCode: string; workstationId: string; senderAgency: string | null }
  | { kind: 'agency'; subject: string; jti: string; agencyCode: string; clientId: string }
  | { kind: 'admin'; subject: string; jti: string; name: string };

export const subjectOf = {
  workstation: (office: string, ws: string) => `workstation:${office}/${ws}`,
  agency: (agency: string, client: string) => `agency:${agency}/${client}`,
  admin: (name: string) => `admin:${name}`,
} satisfies Record<TokenKind, (...a: string[]) => string>;
