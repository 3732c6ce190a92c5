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
