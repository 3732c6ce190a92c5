/**
 * The platform's public progress page for a case: `<base>/progress?case=…&code=…` (what the receipt
 * QR encodes; the page removes the code from the address bar at once). Without case and code: the
 * address printed as text on the receipt. `base` may carry a path prefix (reverse proxy).
 */
export function progressPageUrl(base: string, caseNo?: string, code?: string): string {
  const u = new URL('progress', base.endsWith('/') ? base : `${base}/`);
  if (caseNo) u.searchParams.set('case', caseNo);
  if (code) u.searchParams.set('code', code);
  return u.toString();
}
