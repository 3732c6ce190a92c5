import { hash } from 'node:crypto';

/**
 * A Merkle hash tree as RFC 9162 §2.1 (Certificate Transparency 2.0) defines it: leaf hash
 * SHA-256(0x00 ‖ data), node hash SHA-256(0x01 ‖ left ‖ right), the left subtree holding the
 * largest power of two below the size; inclusion paths listed leaf to root. The one well-specified
 * tree every other implementation can check, which is why the format uses it instead of our own.
 * A few dozen lines: the npm trees either hash differently (no domain separation) or pull in more.
 */
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

// One-shot hashing: a Hash object per node cost more than the hashing of its 65 bytes.
export const leafHash = (data: string | Buffer): Buffer => hash('sha256', Buffer.concat([LEAF, typeof data === 'string' ? Buffer.from(data) : data]), 'buffer');
const nodeHash = (left: Buffer, right: Buffer): Buffer => hash('sha256', Buffer.concat([NODE, left, right], 65), 'buffer');

/** The largest power of two strictly below n (n ≥ 2). */
const split = (n: number): number => 2 ** Math.floor(Math.log2(n - 1));

/** The root over the leaf hashes and every leaf's inclusion path (leaf to root), in O(n log n). */
export function treeOf(leaves: readonly Buffer[]): { root: Buffer; paths: Buffer[][] } {
  if (leaves.length === 0) throw new RangeError('a tree needs at least one leaf');
  const paths = leaves.map(() => [] as Buffer[]);
  const build = (lo: number, hi: number): Buffer => {
    if (hi - lo === 1) return leaves[lo]!;
    const mid = lo + split(hi - lo);
    const left = build(lo, mid);
    const right = build(mid, hi);
    // Deeper levels were pushed first, so each path runs from its leaf upward.
    for (let i = lo; i < mid; i++) paths[i]!.push(right);
    for (let i = mid; i < hi; i++) paths[i]!.push(left);
    return nodeHash(left, right);
  };
  return { root: build(0, leaves.length), paths };
}

/**
 * The root an inclusion path leads to from a leaf (RFC 9162 §2.1.3.2), or null when the path
 * cannot belong to a tree of that size at that index (too short, too long, index out of range).
 */
export function rootFromPath(leaf: Buffer, index: number, size: number, path: readonly Buffer[]): Buffer | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}
