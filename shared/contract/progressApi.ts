/** Citizen progress lookup calls at the counter: the receipt (issue 7). */
export const progressApi = {};
