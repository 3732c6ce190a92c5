import { randomBytes, verify, type X509Certificate } from 'node:crypto';
import { signOnCard } from './cardSign';
import { CardError } from './errors';
import type { Pkcs11Module, TokenSlot } from './module';
import { withUnlockedCard } from './unlockedCard';

/** Who the card says it is, after it proved possession of the private key. */
export type CardIdentity = {
  certificate: X509Certificate;
  /** SHA-256 of the DER certificate, lower-case hex without separators: the enrolment key. */
  fingerprint: string;
  token: Pick<TokenSlot, 'label' | 'serial'>;
};

/**
 * Card login, the cryptographic half (DESIGN.md §8): the card is unlocked with the PIN, its
 * certificate checked and `checkEnrolled(fingerprint)` asked (withUnlockedCard); then a fresh random
 * challenge is signed on the card and verified with the certificate's public key, so a copied
 * certificate without the card's key gets nowhere.
 */
export function proveCardHolder(mod: Pkcs11Module, pin: string, now: Date, checkEnrolled: (fingerprint: string) => void = () => {}): CardIdentity {
  return withUnlockedCard(mod, pin, now, checkEnrolled, (card) => {
    const challenge = randomBytes(32);
    const { alg, signature } = signOnCard(card, challenge);
    const key = alg === 'ES256' ? { key: card.certificate.publicKey, dsaEncoding: 'ieee-p1363' as const } : card.certificate.publicKey;
    let ok = false;
    try {
      ok = verify('sha256', challenge, key, signature);
    } catch {
      // a key of another kind than the certificate's: the same verdict as a wrong signature
    }
    if (!ok) throw CardError.proofFailed();
    return { certificate: card.certificate, fingerprint: card.fingerprint, token: { label: card.token.label, serial: card.token.serial } };
  });
}
