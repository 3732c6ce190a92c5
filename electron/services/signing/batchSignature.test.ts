import { describe, expect, it } from 'vitest';
import { MessageSignature } from '../../../shared/signing/schema';
import { canonicalJson } from '../../../shared/signing/canonical';
import { signMany, verifyManyCanonical, verifySignature } from './batchSignature';
import { verifyCanonical } from './ed25519';
import { newKeyPair } from './workstationKey';

const { signer } = newKeyPair();
const other = newKeyPair().signer;
const messages = Array.from({ length: 7 }, (_, i) => ({ id: `m${i}`, text: `第 ${i} 則`, n: i }));

describe('one signature over a batch (RFC 9162 Merkle root)', () => {
  it('gives every message its own signature that checks alone, with one sign for the batch', () => {
    let signs = 0;
    const counting = { sign: (v: unknown) => (signs++, signer.sign(v)) };
    const sigs = signMany(counting, messages);
    expect(signs).toBe(1);
    sigs.forEach((sig, i) => {
      expect(MessageSignature.parse(JSON.parse(JSON.stringify(sig)))).toEqual(sig);
      expect(sig.batch).toMatchObject({ index: i, size: 7 });
      expect(verifySignature(messages[i], sig, signer.publicKey)).toBe(true);
    });
    // Same value for all: the batch statement is what was signed.
    expect(new Set(sigs.map((s) => s.value)).size).toBe(1);
  });

  it('refuses a changed byte, another message\'s path, another key, a moved index and a forged size', () => {
    const sigs = signMany(signer, messages);
    expect(verifySignature({ ...messages[2], n: 99 }, sigs[2]!, signer.publicKey)).toBe(false);
    expect(verifySignature(messages[2], sigs[3]!, signer.publicKey)).toBe(false);
    expect(verifySignature(messages[2], sigs[2]!, other.publicKey)).toBe(false);
    expect(verifySignature(messages[2], { ...sigs[2]!, batch: { ...sigs[2]!.batch!, index: 3 } }, signer.publicKey)).toBe(false);
    expect(verifySignature(messages[2], { ...sigs[2]!, batch: { ...sigs[2]!.batch!, size: 8 } }, signer.publicKey)).toBe(false);
    expect(verifySignature(messages[2], { ...sigs[2]!, batch: { ...sigs[2]!.batch!, path: 'zz' } }, signer.publicKey)).toBe(false);
    expect(verifySignature(messages[2], { ...sigs[2]!, batch: { index: 0, size: 7, path: '' } }, signer.publicKey)).toBe(false);
  });

  it('checks a whole batch at once (tree rebuilt once) with the same verdicts as one by one', () => {
    const sigs = signMany(signer, messages);
    const canonicals = messages.map((m) => canonicalJson(m));
    expect(verifyManyCanonical(canonicals, sigs, signer.publicKey)).toEqual(messages.map(() => true));
    const altered = [...canonicals];
    altered[4] = canonicalJson({ ...messages[4], n: 40 });
    const swapped = sigs.map((s, i) => (i === 1 ? { ...s, batch: { ...s.batch!, path: sigs[2]!.batch!.path } } : s));
    expect(verifyManyCanonical(altered, swapped, signer.publicKey)).toEqual(messages.map((_, i) => i !== 4 && i !== 1));
    // Incomplete (one member missing): each path is walked alone, same verdicts.
    expect(verifyManyCanonical(canonicals.slice(1), sigs.slice(1), signer.publicKey)).toEqual(messages.slice(1).map(() => true));
  });

  it('signs a batch of one as a plain signature (no batch field), verifiable by the single check', () => {
    const [sig] = signMany(signer, [messages[0]]);
    expect(sig!.batch).toBeUndefined();
    expect(verifyCanonical(messages[0], sig!.value, signer.publicKey)).toBe(true);
    expect(verifySignature(messages[0], sig!, signer.publicKey)).toBe(true);
  });

  it('a remembered batch verdict does not carry over to a forged message under the same signature', () => {
    const sigs = signMany(signer, messages);
    expect(verifySignature(messages[0], sigs[0]!, signer.publicKey)).toBe(true);
    expect(verifySignature({ ...messages[0], n: 1 }, sigs[0]!, signer.publicKey)).toBe(false);
  });
});
