import { canonicalJson } from '../../../shared/signing/canonical';
import type { MessageSignature } from '../../../shared/signing/schema';
import { verifyCanonicalBytes } from './ed25519';
import { leafHash, rootFromPath, treeOf } from './merkle';
import type { Signer } from './signer';

/** A signature as it arrives (maybe unparsed): the value, and the batch placement when there is one. */
type SignatureLike = Pick<MessageSignature, 'value'> & { batch?: { index: number; size: number; path: readonly string[] } };

/** What a batch signature's value signs: the Merkle root and the batch size (schema.ts MessageSignature). */
const statementOf = (root: Buffer, size: number) => ({ nin1MerkleBatch: { root: root.toString('hex'), size } });
const batchStatement = (root: Buffer, size: number): string => canonicalJson(statementOf(root, size));

/**
 * Signs many messages with ONE signature (issue 15 bench outbox-drain-10k-signed): an Ed25519
 * sign or verify costs 70–190 µs here, hashing a message a few; a drain of 10,000 signed one by one
 * spent more on signatures than on sending. Each message still gets its own MessageSignature
 * (value + inclusion path), so it is checked alone and offline. One value signs as it always did.
 */
export function signMany(signer: Pick<Signer, 'sign'>, values: readonly unknown[]): MessageSignature[] {
  if (values.length <= 1) return values.map((v) => signer.sign(v));
  const { root, paths } = treeOf(values.map((v) => leafHash(canonicalJson(v))));
  const signature = signer.sign(statementOf(root, values.length));
  return paths.map((path, index) => ({ ...signature, batch: { index, size: values.length, path: path.map((h) => h.toString('hex')) } }));
}

/**
 * The exact bytes the signature's value must verify over for this content: its canonical form, or
 * for a batch signature the statement of the root its path leads to. Null when the path cannot lead
 * anywhere (malformed), or the content has no JSON form.
 */
export function signedBytesOf(content: unknown, sig: SignatureLike): string | null {
  try {
    const canonical = canonicalJson(content);
    if (!sig.batch) return canonical;
    const { index, size, path } = sig.batch;
    if (!Array.isArray(path) || !path.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))) return null;
    const root = rootFromPath(leafHash(canonical), index, size, path.map((h) => Buffer.from(h, 'hex')));
    return root ? batchStatement(root, size) : null;
  } catch {
    return null;
  }
}

/**
 * Batch statements already verified, by key + value + statement: the next 499 messages of a batch
 * cost their hashes only. Only successes are kept (a failure is checked again, never remembered
 * wrongly), and the map is bounded so odd input cannot grow it.
 */
const verifiedBatches = new Set<string>();

/** Does `sig` (single or batch) verify over `content` under the SPKI DER key? False on anything malformed. */
export function verifySignature(content: unknown, sig: SignatureLike, publicKeyDerB64: string): boolean {
  const bytes = signedBytesOf(content, sig);
  if (bytes === null || typeof sig.value !== 'string') return false;
  if (!sig.batch) return verifyCanonicalBytes(bytes, sig.value, publicKeyDerB64);
  const memo = `${publicKeyDerB64}\n${sig.value}\n${bytes}`;
  if (verifiedBatches.has(memo)) return true;
  const ok = verifyCanonicalBytes(bytes, sig.value, publicKeyDerB64);
  if (ok) {
    if (verifiedBatches.size >= 1024) verifiedBatches.clear();
    verifiedBatches.add(memo);
  }
  return ok;
}
