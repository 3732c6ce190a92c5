import type { AppError } from '../../../shared/result';

/**
 * Is this host this machine? `localhost`, any 127.0.0.0/8 address, and ::1 (URL hostnames keep
 * IPv6 in brackets). Only there may the platform be reached over plain http: the bearer token and
 * the citizens' data cross no wire.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

/**
 * Why a platform URL may not be used, or null when it may: https anywhere, plain http only on
 * loopback (issue 13). Checked where every URL ends up — the platform client — so a URL typed on the
 * command line, set in IT's policy or stored with an old enrolment all get the same answer.
 */
export function platformUrlProblem(url: string): AppError | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { code: 'PLATFORM_URL_INVALID', message: `平台網址格式不正確：「${url}」（例：https://nin1.kcg.gov.tw）` };
  }
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return null;
  if (u.protocol === 'http:') {
    return { code: 'PLATFORM_URL_INSECURE', message: `平台網址須使用 https://（明文 http:// 只限本機 127.0.0.1、::1 或 localhost）：「${url}」` };
  }
  return { code: 'PLATFORM_URL_INVALID', message: `平台網址須以 https:// 開頭：「${url}」` };
}
