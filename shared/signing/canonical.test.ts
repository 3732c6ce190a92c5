import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalWithout, signedPart } from './canonical';

const samples: Record<string, unknown>[] = [
  { id: 'a', signature: { value: 'x' }, payload: { z: 1, a: [1, '二', null] }, createdAt: '2026-12-03T00:00:00.000Z' },
  { signature: 1, a: 0 },
  { zzz: 1, a: 2 },
  { '': 1, sig: 2, signaturE: 3, signature: 4, signatures: 5, '\u00e9': 6, '中': 7, '😀': 8 },
  { signature: undefined, b: true, c: 1e21, d: -0.5 },
];

describe('canonicalWithout: both RFC 8785 forms of a signed message from one pass', () => {
  it('equals canonicalising with and without the member, wherever it sorts', () => {
    for (const s of samples) {
      const f = canonicalWithout(s, 'signature');
      expect(f.unsigned).toBe(canonicalJson(signedPart(s)));
      expect(f.whole()).toBe(canonicalJson(s));
      expect(f.whole({ alg: 'Ed25519' })).toBe(canonicalJson({ ...s, signature: { alg: 'Ed25519' } }));
    }
  });

  it('refuses what RFC 8785 refuses (a lone surrogate)', () => {
    expect(() => canonicalWithout({ a: '\ud800' }, 'signature')).toThrow();
  });
});
