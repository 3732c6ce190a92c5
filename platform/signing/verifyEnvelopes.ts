import { canonicalWithout } from '../../shared/signing/canonical';
import { signedBytesOfMany, walkedBytesOf } from '../../electron/services/signing/batchSignature';
import { sha256Hex } from '../../electron/services/signing/hashes';
import type { SigningKey } from './keyRepo';
import { verifyMany, type VerifyItem } from './verifyPool';

type RawSignature = { keyId?: unknown; value?: unknown; batch?: { index: number; size: number; path: string } };

/**
 * The signature checks of a whole submitted batch, done up front (issue 15 bench
 * platform-verify-10k). `verdicts[i]`: true/false when the envelope names one of the sender's
 * current keys and its signature does/does not verify over the canonical form of what arrived
 * (minus the signature), undefined when there is nothing to verify (unsigned, unknown or revoked
 * key). checkSignature then gives each envelope its refusal from the verdict, without verifying
 * again. Envelopes under one batch signature share one verify (a counter's request: one); singly
 * signed ones (older counters) are verified across worker threads (verifyPool).
 * `messageHashes[i]`: the sha256 of the envelope's whole canonical form, what its log entry and
 * receipt carry, from the same single canonicalisation (null for a body that is not an object).
 */
export async function verifyEnvelopeSignatures(raw: readonly unknown[], keys: readonly SigningKey[]): Promise<{ verdicts: (boolean | undefined)[]; messageHashes: (string | null)[] }> {
  const current = new Map(keys.filter((k) => !k.revokedAt).map((k) => [k.keyId, k.publicKey]));
  const forms = raw.map((r) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return null;
    try {
      return canonicalWithout(r as Record<string, unknown>, 'signature');
    } catch {
      return null; // no canonical form (e.g. a lone surrogate): the schema refuses it
    }
  });
  const sigs = raw.map((r, i): (RawSignature & { value: string; publicKey: string }) | undefined => {
    const sig = (r as { signature?: RawSignature } | null)?.signature;
    const publicKey = typeof sig?.keyId === 'string' ? current.get(sig.keyId) : undefined;
    return publicKey && typeof sig?.value === 'string' && forms[i] ? { ...sig, value: sig.value, publicKey } : undefined;
  });
  const unsigned = forms.map((f) => f?.unsigned ?? '');
  const { bytes, rebuilt } = signedBytesOfMany(unsigned, sigs);
  const verdicts = await verifyDistinct(sigs.map((sig, i) => sig && { bytes: bytes[i] ?? null, value: sig.value, publicKey: sig.publicKey }));
  // A statement from a rebuilt tree that fails (one altered envelope changes the whole tree's root):
  // those envelopes' own paths decide, so the intact ones of the batch still verify.
  const again = sigs.map((sig, i) => (sig && verdicts[i] === false && rebuilt[i] ? { bytes: walkedBytesOf(unsigned[i]!, sig), value: sig.value, publicKey: sig.publicKey } : undefined));
  const second = again.some(Boolean) ? await verifyDistinct(again) : [];
  return {
    verdicts: verdicts.map((v, i) => (again[i] ? second[i] : v)),
    messageHashes: forms.map((f) => (f ? sha256Hex(f.whole()) : null)),
  };
}

/**
 * One verify per distinct (bytes, signature, key), across worker threads; undefined where there is
 * nothing to check, false where the bytes are null (a path that leads nowhere).
 */
async function verifyDistinct(checks: readonly ({ bytes: string | null; value: string; publicKey: string } | undefined)[]): Promise<(boolean | undefined)[]> {
  const slotOf = new Map<string, number>();
  const items: VerifyItem[] = [];
  const slots = checks.map((c) => {
    if (!c) return undefined;
    if (c.bytes === null) return -1;
    const key = `${c.publicKey}\n${c.value}\n${c.bytes}`;
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = items.push([c.bytes, c.value, c.publicKey]) - 1;
      slotOf.set(key, slot);
    }
    return slot;
  });
  const results = await verifyMany(items);
  return slots.map((slot) => (slot === undefined ? undefined : slot >= 0 && results[slot] === true));
}
