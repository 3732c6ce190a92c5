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
});
