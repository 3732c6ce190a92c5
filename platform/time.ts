/**
 * The platform's calendar day in Taiwan (UTC+8, no daylight saving): the `day` of statistics and of
 * inbox/batch date filters. Always from the platform clock, never a counter's.
 */
export const taipeiDay = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
