import { useEffect } from 'react';
import { mayCall } from '../../../shared/auth/permissions';
import { startWizard } from '../lib/startWizard';
import { nextStep, previousStep, saveShortcut } from '../lib/wizardActions';
import { useConfirm } from '../stores/confirm';
import { go, useRoute } from '../stores/route';
import { useSession } from '../stores/session';
import { isComposing } from './focus';

/**
 * Function keys for the whole app (the legend on screen lists them per screen):
 * F2 new case · F3 search · F6 scanning · F9 save (scan, on the scanning screen) · F10 next step · Esc back/cancel.
 * Browser meanings of these keys (F3 find, F10 menu) are suppressed.
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isComposing(e) || e.ctrlKey || e.altKey || e.metaKey) return;
      // The modal dialog owns the keyboard while it is open (Esc = 繼續編輯).
      if (useConfirm.getState().request) return;
      const { route } = useRoute.getState();
      const inWizard = route.screen === 'wizard';
      const signedIn = route.screen !== 'login';
      switch (e.key) {
        case 'F2':
          e.preventDefault();
          if (signedIn && !inWizard) startWizard();
          break;
        case 'F3':
          e.preventDefault();
          if (signedIn && !inWizard) go({ screen: 'home', focus: 'search' });
          break;
        case 'F6':
          e.preventDefault();
          if (signedIn && !inWizard && mayCall(useSession.getState().user?.role ?? null, 'scanning.start')) go({ screen: 'scanning' });
          break;
        case 'F9':
          e.preventDefault();
          if (inWizard) saveShortcut();
          break;
        case 'F10':
          e.preventDefault();
          if (inWizard) nextStep();
          break;
        case 'Escape':
          if (inWizard) {
            e.preventDefault();
            previousStep();
          } else if ((['case', 'print', 'audit', 'stats', 'overdue', 'accounts'] as const).some((s) => s === route.screen)) {
            e.preventDefault();
            go({ screen: 'home', focus: 'search' });
          }
          break;
        default:
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
