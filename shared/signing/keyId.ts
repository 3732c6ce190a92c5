/**
 * Key id from a SHA-256 digest of the SPKI DER public key: base64url of its first 16 bytes. Kept
 * free of node:crypto (shared/ is pure); the caller passes the digest it computed.
 */
export function keyIdFromDigest(digest: Uint8Array): string {
  let s = '';
  for (const b of digest.subarray(0, 16)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
