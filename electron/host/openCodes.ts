import { randomBytes } from 'node:crypto';

/** Long enough to open a browser on a slow machine, short enough that a code seen in `ps` is stale. */
const CODE_TTL_MS = 60_000;

/**
 * One-use, short-lived codes for opening the browser host without the launch token on a command
 * line (issue 13: `xdg-open <url#token>` showed the token to every local user in `ps`). The opener
 * gets `/open/<code>`; the first request with the code is redirected to the URL with the token and
 * the code is gone. A code in `ps` after that (or after a minute) opens nothing.
 */
export function createOpenCodes(now: () => number = Date.now) {
  const codes = new Map<string, number>();
  return {
    mint(): string {
      for (const [c, expires] of codes) if (expires <= now()) codes.delete(c);
      const code = randomBytes(18).toString('base64url');
      codes.set(code, now() + CODE_TTL_MS);
      return code;
    },
    /** True once per minted code, within its lifetime. */
    redeem(code: string): boolean {
      const expires = codes.get(code);
      codes.delete(code);
      return expires !== undefined && expires > now();
    },
  };
}
