import { signedPart } from '../../shared/signing/canonical';
import { signedBytesOf } from '../../electron/services/signing/batchSignature';
import type { SigningKey } from './keyRepo';
import { verifyMany, type VerifyItem } from './verifyPool';

/**
 * The Ed25519 checks of a whole submitted batch, done up front in parallel (verifyPool): per raw
 * envelope, true/false when it names one of the sender's current keys and its signature does/does
 * not verify over the canonical form of what arrived (minus the signature), undefined when there is
 * nothing to verify (unsigned, unknown or revoked key, malformed signature). checkSignature then
 * gives each envelope its refusal from the verdict, without verifying again. Envelopes under one
 * batch signature whose paths lead to the same root share one verify (a counter's batch: one).
 */
export async function verifyEnvelopeSignatures(raw: readonly unknown[], keys: readonly SigningKey[]): Promise<(boolean | undefined)[]> {
  const current = new Map(keys.filter((k) => !k.revokedAt).map((k) => [k.keyId, k.publicKey]));
  const slotOf = new Map<string, number>();
  const items: VerifyItem[] = [];
  const slots: (number | undefined)[] = raw.map((r) => {
    const sig = (r as { signature?: { keyId?: unknown; value?: unknown; batch?: { index: number; size: number; path: string[] } } } | null)?.signature;
    const publicKey = typeof sig?.keyId === 'string' ? current.get(sig.keyId) : undefined;
    if (!publicKey || typeof sig?.value !== 'string') return undefined;
    const bytes = signedBytesOf(signedPart(r as { signature?: unknown }), { value: sig.value, batch: sig.batch });
    // A path that leads nowhere: the signature cannot verify (false, not "nothing to verify").
    if (bytes === null) return -1;
    const item = [bytes, sig.value, publicKey] as const;
    const key = item.join('\n');
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = items.push(item) - 1;
      slotOf.set(key, slot);
    }
    return slot;
  });
  const results = await verifyMany(items);
  return slots.map((slot) => (slot === undefined ? undefined : slot >= 0 && results[slot] === true));
}
