import { canonicalJson } from '../../../shared/signing/canonical';
import type { MessageSignature } from '../../../shared/signing/schema';
import { verifyCanonicalBytes } from './ed25519';
import { leafHash, rootFromPath, treeOf } from './merkle';
import type { Signer } from './signer';

/** A signature as it arrives (maybe unparsed): the value, and the batch placement when there is one. */
type SignatureLike = Pick<MessageSignature, 'value'> & { batch?: { index: number; size: number; path: string } };

/** What a batch signature's value signs: the Merkle root and the batch size (schema.ts MessageSignature). */
const statementOf = (root: Buffer, size: number) => ({ nin1MerkleBatch: { root: root.toString('hex'), size } });
const batchStatement = (root: Buffer, size: number): string => canonicalJson(statementOf(root, size));

const HASH_HEX = 64;
const pathHex = (path: readonly Buffer[]): string => Buffer.concat(path).toString('hex');
const pathOf = (hex: string): Buffer[] | null => {
  if (typeof hex !== 'string' || hex.length % HASH_HEX !== 0 || !/^[0-9a-f]*$/.test(hex)) return null;
  return Array.from({ length: hex.length / HASH_HEX }, (_, i) => Buffer.from(hex.slice(i * HASH_HEX, (i + 1) * HASH_HEX), 'hex'));
};

/**
 * Signs many messages, given in canonical form, with ONE signature (issue 15 bench
 * outbox-drain-10k-signed): an Ed25519 sign or verify costs 70–190 µs here, hashing a message a
 * few; a drain of 10,000 signed one by one spent more on signatures than on sending. Each message
 * still gets its own MessageSignature (value + inclusion path), so it is checked alone and offline.
 */
export function signBatch(signer: Pick<Signer, 'sign'>, canonicals: readonly string[]): MessageSignature[] {
  if (canonicals.length === 0) return [];
  const { root, paths } = treeOf(canonicals.map((c) => leafHash(c)));
  const signature = signer.sign(statementOf(root, canonicals.length));
  return paths.map((path, index) => ({ ...signature, batch: { index, size: canonicals.length, path: pathHex(path) } }));
}

/** signBatch over values; a single value signs as it always did (a plain signature, no batch). */
export function signMany(signer: Pick<Signer, 'sign'>, values: readonly unknown[]): MessageSignature[] {
  return values.length === 1 ? [signer.sign(values[0])] : signBatch(signer, values.map((v) => canonicalJson(v)));
}

/**
 * The exact bytes the signature's value must verify over for a message in canonical form: the
 * message itself, or for a batch signature the statement of the root its path leads to. Null when
 * the path cannot lead anywhere (malformed).
 */
function bytesOf(canonical: string, sig: SignatureLike): string | null {
  if (!sig.batch) return canonical;
  const { index, size } = sig.batch;
  const path = pathOf(sig.batch.path);
  const root = path && rootFromPath(leafHash(canonical), index, size, path);
  return root ? batchStatement(root, size) : null;
}

/**
 * bytesOf for many messages at once (a submit's envelopes, a response's receipts). A complete batch
 * (indexes 0…size−1, one signature value) rebuilds its tree once, n − 1 hashes, and a member whose
 * path equals its place in it gets the rebuilt root's statement; walking every path was n·log n
 * hashes (~0.4 s per 10,000 here). Anything else walks its own path. `rebuilt[i]` marks a statement
 * from a rebuilt tree: when it does not verify (one altered member changes the whole tree's root),
 * the caller walks those members' own paths (bytesOf) so the intact ones still verify.
 */
export function signedBytesOfMany(canonicals: readonly string[], sigs: readonly (SignatureLike | undefined)[]): { bytes: (string | null)[]; rebuilt: boolean[] } {
  const bytes: (string | null)[] = canonicals.map(() => null);
  const rebuilt = canonicals.map(() => false);
  const batches = new Map<string, number[]>();
  sigs.forEach((sig, i) => {
    if (!sig) return;
    if (!sig.batch) {
      bytes[i] = canonicals[i]!;
      return;
    }
    const key = `${sig.value}/${sig.batch.size}`;
    const members = batches.get(key);
    if (members) members.push(i);
    else batches.set(key, [i]);
  });
  for (const members of batches.values()) {
    const size = sigs[members[0]!]!.batch!.size;
    const byIndex = new Map(members.map((i) => [sigs[i]!.batch!.index, i]));
    const complete = members.length === size && byIndex.size === size && [...byIndex.keys()].every((x) => Number.isInteger(x) && x >= 0 && x < size);
    if (!complete) {
      for (const i of members) bytes[i] = bytesOf(canonicals[i]!, sigs[i]!);
      continue;
    }
    const order = Array.from({ length: size }, (_, x) => byIndex.get(x)!);
    const { root, paths } = treeOf(order.map((i) => leafHash(canonicals[i]!)));
    const statement = batchStatement(root, size);
    order.forEach((i, x) => {
      const fits = sigs[i]!.batch!.path === pathHex(paths[x]!);
      bytes[i] = fits ? statement : bytesOf(canonicals[i]!, sigs[i]!);
      rebuilt[i] = fits;
    });
  }
  return { bytes, rebuilt };
}

/** The signed bytes of one message from its own path alone (the fallback of signedBytesOfMany). */
export const walkedBytesOf = (canonical: string, sig: SignatureLike): string | null => bytesOf(canonical, sig);

/**
 * Batch statements already verified, by key + value + statement: checking one message of a batch
 * after another costs their hashes only. Only successes are kept (a failure is checked again, never
 * remembered wrongly), and the set is bounded so odd input cannot grow it.
 */
const verifiedBatches = new Set<string>();

function verifyBytes(bytes: string | null, sig: SignatureLike, publicKeyDerB64: string): boolean {
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

/** Does `sig` (single or batch) verify over `content` under the SPKI DER key? False on anything malformed. */
export function verifySignature(content: unknown, sig: SignatureLike, publicKeyDerB64: string): boolean {
  let canonical: string;
  try {
    canonical = canonicalJson(content);
  } catch {
    return false;
  }
  return verifyBytes(bytesOf(canonical, sig), sig, publicKeyDerB64);
}

/** verifySignature for many messages in canonical form under one key: one verify per batch. */
export function verifyManyCanonical(canonicals: readonly string[], sigs: readonly SignatureLike[], publicKeyDerB64: string): boolean[] {
  const { bytes, rebuilt } = signedBytesOfMany(canonicals, sigs);
  return sigs.map((sig, i) => verifyBytes(bytes[i]!, sig, publicKeyDerB64) || (rebuilt[i]! && verifyBytes(walkedBytesOf(canonicals[i]!, sig), sig, publicKeyDerB64)));
}
