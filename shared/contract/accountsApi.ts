/** Accounts, groups, roles and certificate enrolment for administrators (issue 7). */
export const accountsApi = {};
