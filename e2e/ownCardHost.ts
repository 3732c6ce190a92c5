import { enrollCertificate } from '../electron/services/auth/certificates';
import { openDatabase } from '../electron/services/db/open';
import type { TestIdentity } from '../electron/services/devices/pkcs11/testing/certificates';
import { issueCard } from '../electron/services/devices/pkcs11/testing/lab';
import type { SoftHsmLab } from '../electron/services/devices/pkcs11/testing/softhsm';
import { ownHost, type OwnHost } from './ownHost';

/** An own host, and the clerk's card in its reader: the SoftHSM2 lab (to pull and put back the token) and the card's key and certificate. */
export type OwnCardHost = OwnHost & { readonly lab: SoftHsmLab; readonly identity: TestIdentity };

/**
 * ownHost with a certificate card for the demo clerk 王怡君 (`clerk`): a SoftHSM2 token labelled
 * `label` is issued and made the host's PKCS#11 module before it starts (the host reads
 * NIN1_PKCS11_MODULE at start), its certificate is enrolled for the clerk once the host made the
 * database, and the token and the variable are gone after the host closed.
 */
export function ownCardHost(name: string, label: string, args: string[]): OwnCardHost {
  let card: { lab: SoftHsmLab; identity: TestIdentity } | null = null;
  const issued = () => {
    if (!card) throw new Error(`ownCardHost(${name}): no card issued yet (use it inside a test or hook)`);
    return card;
  };
  const own = ownHost(name, {
    args,
    before: async () => {
      card = await issueCard({ label });
      card.lab.use();
      process.env.NIN1_PKCS11_MODULE = card.lab.module;
    },
    ready: ({ dbFile }) => {
      const db = openDatabase(dbFile);
      try {
        const clerk = db.prepare("SELECT id FROM users WHERE username = 'clerk'").pluck().get() as number;
        enrollCertificate(db, { userId: clerk, certDer: issued().identity.certDer, enrolledBy: 'e2e', at: new Date().toISOString() });
      } finally {
        db.close();
      }
    },
    after: () => {
      delete process.env.NIN1_PKCS11_MODULE;
      card?.lab.cleanup();
      card = null;
    },
  });
  return Object.defineProperties(own, {
    lab: { get: () => issued().lab },
    identity: { get: () => issued().identity },
  }) as OwnCardHost;
}
