import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON: the exact bytes a signature covers. Both ends canonicalise the
 * same object, so key order and whitespace on the wire never matter, but any changed value does.
 */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError('value has no JSON form');
  return out;
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
  const members = Object.keys(value)
    .sort()
    .flatMap((k) => (k === key || value[k] === undefined ? [] : [[k, `${canonicalJson(k)}:${canonicalJson(value[k])}`] as const]));
  const join = (list: readonly (readonly [string, string])[]) => `{${list.map(([, text]) => text).join(',')}}`;
  return {
    unsigned: join(members),
    // The member (given, or the object's own) in its sorted place.
    whole: (member = value[key]) => {
      if (member === undefined) return join(members);
      const at = members.findIndex(([k]) => k > key);
      const own = [key, `${canonicalJson(key)}:${canonicalJson(member)}`] as const;
      return join(at < 0 ? [...members, own] : [...members.slice(0, at), own, ...members.slice(at)]);
    },
  };
}
