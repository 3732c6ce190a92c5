import { canonicalJson, signedPart } from '../../shared/signing/canonical';
import type { SigningKey } from './keyRepo';
import { verifyMany, type VerifyItem } from './verifyPool';

/**
 * The Ed25519 checks of a whole submitted batch, done up front in parallel (verifyPool): per raw
 * envelope, true/false when it names one of the sender's current keys and its signature does/does
 * not verify over the canonical form of what arrived (minus the signature), undefined when there is
 * nothing to verify (unsigned, unknown or revoked key, malformed signature). checkSignature then
 * gives each envelope its refusal from the verdict, without verifying again.
 */
export async function verifyEnvelopeSignatures(raw: readonly unknown[], keys: readonly SigningKey[]): Promise<(boolean | undefined)[]> {
  const current = new Map(keys.filter((k) => !k.revokedAt).map((k) => [k.keyId, k.publicKey]));
  const at: number[] = [];
  const items: VerifyItem[] = [];
  raw.forEach((r, i) => {
    const sig = (r as { signature?: { keyId?: unknown; value?: unknown } } | null)?.signature;
    const publicKey = typeof sig?.keyId === 'string' ? current.get(sig.keyId) : undefined;
    if (!publicKey || typeof sig?.value !== 'string') return;
    let canonical: string;
    try {
      canonical = canonicalJson(signedPart(r as { signature?: unknown }));
    } catch {
      return;
    }
    at.push(i);
    items.push([canonical, sig.value, publicKey]);
  });
  const verdicts: (boolean | undefined)[] = new Array<boolean | undefined>(raw.length).fill(undefined);
  (await verifyMany(items)).forEach((ok, j) => {
    verdicts[at[j]!] = ok;
  });
  return verdicts;
}
