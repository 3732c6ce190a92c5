import { describe, expect, it } from 'vitest';
import { signToken, verifyToken, type Claims } from './token';

const SECRET = 'x'.repeat(40);
const claims: Claims = { sub: 'workstation:FS01/FS01-W01', kind: 'workstation', office: 'FS01', ws: 'FS01-W01', jti: 'j1', iat: 1000, exp: 2000 };

describe('platform bearer token', () => {
  it('round-trips claims while unexpired by the given (platform) clock', () => {
    const t = signToken(claims, SECRET);
    expect(t.startsWith('nin1.')).toBe(true);
    expect(verifyToken(t, SECRET, 1999_000)).toEqual({ ok: true, claims });
  });

  it('refuses at and after exp, a different secret, edited claims and junk', () => {
    const t = signToken(claims, SECRET);
    expect(verifyToken(t, SECRET, 2000_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(t, 'y'.repeat(40), 1500_000)).toEqual({ ok: false, reason: 'bad-signature' });
    const [p, , s] = t.split('.');
    const forged = `${p}.${Buffer.from(JSON.stringify({ ...claims, office: 'FS02' })).toString('base64url')}.${s}`;
    expect(verifyToken(forged, SECRET, 1500_000)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken('nope', SECRET, 0)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyToken('nin1.a.b.c', SECRET, 0)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('finding 3: only the canonical base64url signature verifies (padding, stray or non-canonical characters are refused)', () => {
    const t = signToken(claims, SECRET);
    const sig = t.split('.')[2]!;
    expect(verifyToken(t, SECRET, 1500_000).ok).toBe(true);
    // 32 bytes are 43 characters: the last one carries 4 spare bits that must be zero.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(sig.at(-1)!);
    const sameBytes = `${sig.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(sameBytes, 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true); // node decodes it the same
    for (const junk of [`${sig}==`, `${sig}=`, `${sig}!`, `${sig.slice(0, 20)}.${sig.slice(20)}`, `${sig.slice(0, 20)}+${sig.slice(20)}`, ` ${sig}`, sameBytes]) {
      expect(verifyToken(t.replace(sig, junk), SECRET, 1500_000), junk).toEqual({ ok: false, reason: expect.stringMatching(/bad-signature|malformed/) });
    }
  });
});
