import type { SessionUser } from '../../../shared/contract/api';
import { INBOX_USERS } from '../../../shared/contract/syncApi';

/** Receiving-agency staff: their home is the agency inbox, not the counter queue. */
export const isAgencyUser = (user: SessionUser | null): boolean => !!user && INBOX_USERS.includes(user.role);
