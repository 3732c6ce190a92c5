import { create } from 'zustand';
import type { SessionUser, SystemInfo } from '../../../shared/contract/api';
import type { Catalogue } from '../lib/catalogue';
import type { AppError } from '../../../shared/result';
import { call, setSessionEndedListener, setSessionLockedListener, setSessionToken } from '../api/client';
import { go } from './route';
import { toast } from './toasts';
import { useWizard } from './wizard';
import { createIdleTimer, idleMs, watchActivity } from '../../../shared/accounts/idleTimer';

type SessionState = {
  info: SystemInfo | null;
  /** Set when the host refuses us before login (bad launch token, host gone). */
  bootError: AppError | null;
  user: SessionUser | null;
  catalogue: Catalogue | null;
  /** Set while the session is locked (certificate card removed): the lock screen covers the app, the work stays. */
  locked: AppError | null;
  boot(): Promise<void>;
  login(username: string, password: string): Promise<AppError | null>;
  /** Certificate card + PIN (PKCS#11 on the services side). */
  cardLogin(pin: string): Promise<AppError | null>;
  /** Same clerk's card + PIN lifts the lock. */
  unlock(pin: string): Promise<AppError | null>;
  lock(reason: AppError): void;
  logout(): Promise<void>;
  ended(error: AppError): void;
};

export const useSession = create<SessionState>()((set, get) => ({
  info: null,
  bootError: null,
  user: null,
  catalogue: null,
  locked: null,

  async boot() {
    const r = await call('system.info', {});
    if (r.ok) set({ info: r.value, bootError: null });
    else set({ bootError: r.error });
  },

  async login(username, password) {
    const r = await call('session.login', { username, password });
    if (!r.ok) return r.error;
    return signedIn(r.value.token);
  },

  async cardLogin(pin) {
    const r = await call('session.cardLogin', { pin });
    if (!r.ok) return r.error;
    return signedIn(r.value.token);
  },

  async unlock(pin) {
    const r = await call('session.cardUnlock', { pin });
    if (!r.ok) return r.error;
    set({ locked: null });
    toast.success('已解除鎖定');
    return null;
  },

  lock(reason) {
    if (get().user && !get().locked) set({ locked: reason });
  },

  async logout() {
    // A locked session cannot make calls; it stays locked on the services side until it idles out,
    // and only the same clerk's card and PIN could open it again.
    if (get().user && !get().locked) await call('session.logout', {});
    idleTimer.stop();
    setSessionToken(null);
    useWizard.getState().reset();
    set({ user: null, locked: null });
    go({ screen: 'login' });
  },

  ended(error) {
    if (!get().user) return;
    idleTimer.stop();
    setSessionToken(null);
    set({ user: null, locked: null });
    go({ screen: 'login' });
    toast.error(`${error.message}（已登出）`);
  },
}));

/** After any sign-in (password or card): load the catalogue, then home — or the same clerk's unfinished case. */
async function signedIn(token: string): Promise<AppError | null> {
  setSessionToken(token);
  const [me, cat] = await Promise.all([call('session.current', {}), call('catalogue.get', {})]);
  if (!me.ok || !cat.ok) {
    setSessionToken(null);
    return !me.ok ? me.error : !cat.ok ? cat.error : null;
  }
  const user = me.value;
  useSession.setState({ user, catalogue: cat.value, locked: null });
  idleTimer.arm(idleMs(useSession.getState().info?.idleLockMinutes));
  const wizard = useWizard.getState();
  if (wizard.active && wizard.owner === user.username) {
    // Same clerk back after a timeout: the citizen is still at the desk, keep the draft.
    go({ screen: 'wizard' });
    wizard.focusOn('@first');
    toast.info('已還原登出前未完成的案件');
  } else {
    wizard.reset();
    // The scanning clerk's day is the scanning screen; everyone else starts at the queue.
    go(user.role === 'scanning_clerk' ? { screen: 'scanning' } : { screen: 'home', focus: 'search' });
  }
  return null;
}

setSessionEndedListener((error) => useSession.getState().ended(error));
setSessionLockedListener((error) => useSession.getState().lock(error));

// Idle lock (issue 7): the screen ends the session at the policy's idle time, as the services do;
// the same clerk's unfinished case survives (ended() keeps the wizard draft for them).
const idleText = (m = 0): string => (m >= 1 ? `${m} 分鐘` : `${Math.round(m * 60)} 秒`);
const idleTimer = createIdleTimer(() =>
  useSession.getState().ended({ code: 'IDLE_LOCKED', message: `閒置超過 ${idleText(useSession.getState().info?.idleLockMinutes)}，已自動鎖定` }),
);
if (typeof window !== 'undefined') watchActivity(window, idleTimer);
