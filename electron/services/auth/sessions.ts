import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../../../shared/contract/api';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';

type Session = { user: SessionUser; lastSeen: number };

/**
 * Signed-in clerks, by unguessable token. In memory on purpose: a restart (or a crash) signs
 * everyone out, which is what a shared counter PC should do.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly clock: Clock, private readonly idleMs = 30 * 60_000) {}

  open(user: SessionUser): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { user, lastSeen: this.clock.now().getTime() });
    return token;
  }

  /**
   * The user behind a token, refreshing its idle timer unless `touch` is false (background polls
   * must not keep an unattended counter signed in); typed error when missing or idle too long.
   */
  require(token: string | null, options: { touch?: boolean } = {}): SessionUser {
    const s = token ? this.sessions.get(token) : undefined;
    if (!s) throw new AppFailure({ code: 'AUTH_REQUIRED', message: '請先登入' });
    const now = this.clock.now().getTime();
    if (now - s.lastSeen > this.idleMs) {
      this.sessions.delete(token!);
      throw new AppFailure({ code: 'AUTH_EXPIRED', message: '閒置過久，請重新登入' });
    }
    if (options.touch !== false) s.lastSeen = now;
    return s.user;
  }

  close(token: string | null): void {
    if (token) this.sessions.delete(token);
  }
}
