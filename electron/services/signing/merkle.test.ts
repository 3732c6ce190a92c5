import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leafHash, rootFromPath, treeOf } from './merkle';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`message ${i}`));

describe('RFC 9162 Merkle tree', () => {
  it('hashes leaves and nodes with the RFC 9162 domain prefixes (0x00 leaf, 0x01 node) and splits at the largest power of two', () => {
    expect(leafHash('')).toEqual(sha(Buffer.from([0])));
    const [a, b, c] = leaves(3);
    const node = (l: Buffer, r: Buffer) => sha(Buffer.from([1]), l, r);
    // Three leaves: MTH = node(node(a, b), c), the left subtree holding 2 (RFC 9162 §2.1.1).
    expect(treeOf([a!, b!, c!]).root).toEqual(node(node(a!, b!), c!));
    expect(treeOf([a!]).root).toEqual(a);
  });

  it('leads every leaf of trees of 1–70 leaves to the root, and nothing else does', () => {
    for (let n = 1; n <= 70; n++) {
      const ls = leaves(n);
      const { root, paths } = treeOf(ls);
      ls.forEach((leaf, i) => {
        expect(rootFromPath(leaf, i, n, paths[i]!)).toEqual(root);
        // Another index, another leaf, or a shortened path never reach the same root. (A path can be
        // valid in a tree of another size: the signed statement binds the size with the root.)
        if (n > 1) expect(rootFromPath(leaf, (i + 1) % n, n, paths[i]!)).not.toEqual(root);
        expect(rootFromPath(leafHash('forged'), i, n, paths[i]!)).not.toEqual(root);
        if (paths[i]!.length > 0) expect(rootFromPath(leaf, i, n, paths[i]!.slice(1))).not.toEqual(root);
      });
    }
  });

  it('refuses an index outside the tree and a path longer than the tree is deep', () => {
    const { paths } = treeOf(leaves(4));
    expect(rootFromPath(leaves(1)[0]!, 4, 4, paths[0]!)).toBeNull();
    expect(rootFromPath(leaves(1)[0]!, -1, 4, paths[0]!)).toBeNull();
    expect(rootFromPath(leaves(1)[0]!, 0, 4, [...paths[0]!, paths[0]![0]!])).toBeNull();
  });
});
