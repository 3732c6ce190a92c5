import { go } from '../stores/route';
import { useSession } from '../stores/session';
import { useWizard } from '../stores/wizard';
import { isAgencyUser } from './roles';

/** F2: a fresh 遷徙 case for the citizen at the desk. */
export function startWizard(): void {
  const { catalogue, user } = useSession.getState();
  if (!catalogue || !user || isAgencyUser(user)) return;
  useWizard.getState().start(catalogue, user.username);
  go({ screen: 'wizard' });
}
