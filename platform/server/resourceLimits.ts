/**
 * Caps on what one client may hold or fill (issue 13 finding 5). On PostgreSQL every cap holds over
 * all nodes together (issue 14 §4: stream slots are leases, quotas and message-log windows are
 * counted, all in the shared rate_windows table); on SQLite, one process, they are kept in memory.
 *
 *   NIN1_SSE_PER_TOKEN        open event streams per token                         (default 5)
 *   NIN1_BATCH_FILES_PER_DAY  batch files one sender may upload per 24 h           (default 200)
 *   NIN1_BATCH_MIB_PER_DAY    MiB of batch files one sender may upload per 24 h    (default 500)
 *   NIN1_MESSAGE_LOG_DAYS     message-log rows kept this many days, then deleted   (default 400)
 *   NIN1_UNAUTH_LOG_PER_MIN   message-log rows per minute per client for refused
 *                             anonymous requests; the rest are counted, not written (default 30)
 *   NIN1_UNAUTH_LOG_TOTAL_PER_MIN  the same over all clients together, so a flood from many
 *                             addresses stays bounded too                           (default 600)
 */
export type ResourceLimits = {
  ssePerToken: number;
  batchFilesPerDay: number;
  batchBytesPerDay: number;
  messageLogDays: number;
  unauthLogPerMinute: number;
  unauthLogTotalPerMinute: number;
};

export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = {
  ssePerToken: 5,
  batchFilesPerDay: 200,
  batchBytesPerDay: 500 * 1024 * 1024,
  messageLogDays: 400,
  unauthLogPerMinute: 30,
  unauthLogTotalPerMinute: 600,
};

export function resourceLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): ResourceLimits {
  const num = (name: string, fallback: number, scale = 1): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1) throw new Error(`環境變數 ${name}「${raw}」格式不正確，應為正整數`);
    return Number(raw) * scale;
  };
  const d = DEFAULT_RESOURCE_LIMITS;
  return {
    ssePerToken: num('NIN1_SSE_PER_TOKEN', d.ssePerToken),
    batchFilesPerDay: num('NIN1_BATCH_FILES_PER_DAY', d.batchFilesPerDay),
    batchBytesPerDay: num('NIN1_BATCH_MIB_PER_DAY', d.batchBytesPerDay, 1024 * 1024),
    messageLogDays: num('NIN1_MESSAGE_LOG_DAYS', d.messageLogDays),
    unauthLogPerMinute: num('NIN1_UNAUTH_LOG_PER_MIN', d.unauthLogPerMinute),
    unauthLogTotalPerMinute: num('NIN1_UNAUTH_LOG_TOTAL_PER_MIN', d.unauthLogTotalPerMinute),
  };
}
