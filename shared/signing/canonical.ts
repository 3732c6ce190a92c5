import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON: the exact bytes a signature covers. Both ends canonicalise the
 * same object, so key order and whitespace on the wire never matter, but any changed value does.
 *
 * RFC 8785 serialises primitives exactly as ECMAScript's JSON.stringify does and orders members by
 * UTF-16 code units, which is JavaScript's default string order. So the native serialiser with a
 * replacer that hands it each object's members in sorted order writes the same bytes as the
 * `canonicalize` package, at about half the cost; that cost is paid for every message on both
 * ends of a signed drain. One case the replacer cannot order: keys that look like array indices
 * ("10", "9"), which every JavaScript object lists first in numeric order. A value with such a key
 * takes the package's path whole. What RFC 8785 refuses (lone surrogates, NaN, Infinity) throws
 * on both paths.
 */
export function canonicalJson(value: unknown): string {
  try {
    const out = JSON.stringify(value, sortedMembers);
    if (out === undefined) throw new TypeError('value has no JSON form');
    return out;
  } catch (e) {
    if (!(e instanceof IndexLikeKey)) throw e;
    return canonicalize(value)!;
  }
}

class IndexLikeKey extends Error {}
const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;

// ES2024 (Node 20, Chromium 111); not yet in this TypeScript lib.
const wellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

function sortedMembers(_key: string, v: unknown): unknown {
  switch (typeof v) {
    case 'string':
      if (!wellFormed(v)) throw new TypeError('RFC 8785: a lone surrogate has no canonical form');
      return v;
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError('RFC 8785: NaN and Infinity have no canonical form');
      return v;
    case 'object': {
      if (v === null || Array.isArray(v)) return v;
      const keys = Object.keys(v);
      let inOrder = true;
      for (let i = 0; i < keys.length; i++) {
        if (!wellFormed(keys[i]!)) throw new TypeError('RFC 8785: a lone surrogate has no canonical form');
        if (INDEX_LIKE.test(keys[i]!)) throw new IndexLikeKey();
        if (i > 0 && keys[i - 1]! > keys[i]!) inOrder = false;
      }
      if (inOrder) return v;
      keys.sort();
      const sorted: Record<string, unknown> = {};
      for (const k of keys) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    default:
      return v;
  }
}

/** What an envelope's signature covers: the whole envelope except the signature itself. */
export function signedPart<T extends { signature?: unknown }>(envelope: T): Omit<T, 'signature'> {
  const { signature: _unsigned, ...rest } = envelope;
  return rest;
}

/**
 * A signed message's two canonical forms from one pass: `unsigned`, what its signature covers (the
 * object without `key`), and `whole`, what its message hash covers (with it). RFC 8785 writes an
 * object as its members sorted by key, so both are the same member texts joined with or without
 * one; canonicalising the message twice was a good part of a signed drain's cost on each side.
 */
export function canonicalWithout(value: Record<string, unknown>, key: string): { unsigned: string; whole(member?: unknown): string } {
  // The members before and after `key` in sorted order, each half canonicalised in one pass.
  const keys = Object.keys(value).filter((k) => k !== key);
  const inner = (half: string[]) => (half.length === 0 ? '' : canonicalJson(Object.fromEntries(half.map((k) => [k, value[k]]))).slice(1, -1));
  const before = inner(keys.filter((k) => k < key));
  const after = inner(keys.filter((k) => k > key));
  const join = (...parts: string[]) => `{${parts.filter((p) => p !== '').join(',')}}`;
  return {
    unsigned: join(before, after),
    // The member (given, or the object's own) in its sorted place.
    whole: (member = value[key]) => (member === undefined ? join(before, after) : join(before, `${canonicalJson(key)}:${canonicalJson(member)}`, after)),
  };
}
