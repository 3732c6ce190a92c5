import { create } from 'zustand';
import type { ApiOutput, SessionUser, SystemInfo } from '../../../shared/contract/api';
import type { AppError } from '../../../shared/result';
import { call, setSessionEndedListener, setSessionToken } from '../api/client';
import { go } from './route';
import { toast } from './toasts';
import { useWizard } from './wizard';

export type Catalogue = ApiOutput<'catalogue.get'>;

type SessionState = {
  info: SystemInfo | null;
  /** Set when the host refuses us before login (bad launch token, host gone). */
  bootError: AppError | null;
  user: SessionUser | null;
  catalogue: Catalogue | null;
  boot(): Promise<void>;
  login(username: string, password: string): Promise<AppError | null>;
  logout(): Promise<void>;
  ended(error: AppError): void;
};

export const useSession = create<SessionState>()((set, get) => ({
  info: null,
  bootError: null,
  user: null,
  catalogue: null,

  async boot() {
    const r = await call('system.info', {});
    if (r.ok) set({ info: r.value, bootError: null });
    else set({ bootError: r.error });
  },

  async login(username, password) {
    const r = await call('session.login', { username, password });
    if (!r.ok) return r.error;
    setSessionToken(r.value.token);
    const cat = await call('catalogue.get', {});
    if (!cat.ok) {
      setSessionToken(null);
      return cat.error;
    }
    set({ user: r.value.user, catalogue: cat.value });
    const wizard = useWizard.getState();
    if (wizard.active && wizard.owner === r.value.user.username) {
      // Same clerk back after a timeout: the citizen is still at the desk, keep the draft.
      go({ screen: 'wizard' });
      wizard.focusOn('@first');
      toast.info('已還原登出前未完成的案件');
    } else {
      wizard.reset();
      go({ screen: 'home', focus: 'search' });
    }
    return null;
  },

  async logout() {
    if (get().user) await call('session.logout', {});
    setSessionToken(null);
    useWizard.getState().reset();
    set({ user: null });
    go({ screen: 'login' });
  },

  ended(error) {
    if (!get().user) return;
    setSessionToken(null);
    set({ user: null });
    go({ screen: 'login' });
    toast.error(`${error.message}（已登出）`);
  },
}));

setSessionEndedListener((error) => useSession.getState().ended(error));
