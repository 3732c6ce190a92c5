import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalWithout, signedPart } from './canonical';

/** A small seeded generator (mulberry32): the same values on every run, so a failure reproduces. */
function randomJson(seed: number): () => unknown {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chars = ['a', 'Z', '0', '9', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u00e9', '\u2028', '中', '戶', '😀', '\ufeff', '\ud83d\ude00'];
  const text = () => Array.from({ length: Math.floor(rnd() * 6) }, () => pick(chars)).join('');
  const numbers = [0, -0, 1, -1, 0.1, 0.1 + 0.2, 1e21, 1e-7, 123456789012345680000, 5e-324, 1.7976931348623157e308, -2.5e-8, 4.35, 2 ** 53, 333333333.3333333];
  const keys = () => pick([text(), text(), 'a', 'b', 'A', '', '10', '9', '0', '01', '1e3', '-1', 'signature', '\u00e9', '中', '😀']);
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.45) return pick<unknown>([text(), pick(numbers), rnd() * 1e6 - 5e5, Math.floor(rnd() * 1e9), true, false, null]);
    if (r < 0.7) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 5); i > 0; i--) o[keys()] = rnd() < 0.1 ? undefined : value(depth + 1);
    return o;
  };
  return () => value(0);
}

const samples: Record<string, unknown>[] = [
  { id: 'a', signature: { value: 'x' }, payload: { z: 1, a: [1, '二', null] }, createdAt: '2026-12-03T00:00:00.000Z' },
  { signature: 1, a: 0 },
  { zzz: 1, a: 2 },
  { '': 1, sig: 2, signaturE: 3, signature: 4, signatures: 5, '\u00e9': 6, '中': 7, '😀': 8 },
  { signature: undefined, b: true, c: 1e21, d: -0.5 },
];

describe('canonicalJson: the bytes of the RFC 8785 reference implementation (canonicalize)', () => {
  it('on 3,000 generated values: escapes, numbers, unicode and index-like keys, nested', () => {
    const next = randomJson(8785);
    for (let i = 0; i < 3000; i++) {
      const v = next();
      expect(canonicalJson(v)).toBe(canonicalize(v));
    }
  });

  it('keys that look like array indices sort as strings ("10" before "9"), at any depth', () => {
    expect(canonicalJson({ b: { '9': 1, '10': 2, a: 3 }, a: 1 })).toBe('{"a":1,"b":{"10":2,"9":1,"a":3}}');
  });

  it('refuses what RFC 8785 refuses: a lone surrogate in a value or a key, NaN, Infinity', () => {
    for (const bad of [{ a: '\ud800' }, { '\udc00': 1 }, [Number.NaN], { x: Number.POSITIVE_INFINITY }]) expect(() => canonicalJson(bad)).toThrow();
  });
});

describe('canonicalWithout: both RFC 8785 forms of a signed message from one pass', () => {
  it('equals canonicalising with and without the member, wherever it sorts', () => {
    for (const s of samples) {
      const f = canonicalWithout(s, 'signature');
      expect(f.unsigned).toBe(canonicalJson(signedPart(s)));
      expect(f.whole()).toBe(canonicalJson(s));
      expect(f.whole({ alg: 'Ed25519' })).toBe(canonicalJson({ ...s, signature: { alg: 'Ed25519' } }));
    }
  });

  it('on 1,000 generated objects, with the member present, absent or undefined', () => {
    const next = randomJson(15);
    for (let i = 0; i < 1000; i++) {
      const v = next();
      const o: Record<string, unknown> = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { v };
      if (i % 3 === 0) o.signature = next();
      if (i % 3 === 1) o.signature = undefined;
      const f = canonicalWithout(o, 'signature');
      expect(f.unsigned).toBe(canonicalize(signedPart(o)));
      expect(f.whole()).toBe(canonicalize(o));
    }
  });

  it('refuses what RFC 8785 refuses (a lone surrogate)', () => {
    expect(() => canonicalWithout({ a: '\ud800' }, 'signature')).toThrow();
  });
});
