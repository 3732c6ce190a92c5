import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../../../shared/contract/api';
import { AppFailure, type AppError } from '../../../shared/result';
import type { Clock } from '../clock';

/** `locked`: the reason every call gets until the same clerk unlocks (card pulled out: devices/service.ts). */
type Session = { user: SessionUser; lastSeen: number; locked?: AppError };

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
    if (s.locked) throw new AppFailure(s.locked);
    if (options.touch !== false) s.lastSeen = now;
    return s.user;
  }

  /**
   * Lock a session at once (the clerk's certificate card was removed): every call answers `reason`
   * until unlock(). The session is kept, not closed, so the clerk's unsaved work in the renderer is
   * resumed by the same clerk after re-entering the PIN. False if the token is gone.
   */
  lock(token: string, reason: AppError): boolean {
    const s = this.sessions.get(token);
    if (!s) return false;
    s.locked = reason;
    return true;
  }

  unlock(token: string): void {
    const s = this.sessions.get(token);
    if (!s) return;
    delete s.locked;
    s.lastSeen = this.clock.now().getTime();
  }

  /** The session's user even while locked (for the unlock screen); null when gone or idle too long. Does not touch the idle timer. */
  peek(token: string | null): { user: SessionUser; locked: boolean } | null {
    const s = token ? this.sessions.get(token) : undefined;
    if (!s || this.clock.now().getTime() - s.lastSeen > this.idleMs) return null;
    return { user: s.user, locked: s.locked !== undefined };
  }

  close(token: string | null): void {
    if (token) this.sessions.delete(token);
  }

  /** Ends every open session of one user (role changed or account deactivated by an administrator). */
  closeUser(userId: number): number {
    let closed = 0;
    for (const [token, s] of this.sessions) {
      if (s.user.id === userId) {
        this.sessions.delete(token);
        closed++;
      }
    }
    return closed;
  }
}
