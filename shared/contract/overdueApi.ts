/** 逾時未回報檢核 calls (issue 7). */
export const overdueApi = {};
