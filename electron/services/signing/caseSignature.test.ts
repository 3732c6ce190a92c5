import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/result';
import { enrollCertificate } from '../auth/certificates';
import type { Actor, ServiceContext } from '../context';
import { Pkcs11Module } from '../devices/pkcs11/module';
import { issueCard, SOFTHSM } from '../devices/pkcs11/testing/lab';
import { TEST_PIN, type SoftHsmLab } from '../devices/pkcs11/testing/softhsm';
import { makeContext, moveDraft, seedClerk, tempDir, TEST_NOW } from '../testing/fixtures';
import { createCaseSignedWithCard, verifyCaseSignature } from './caseSignature';

if (!SOFTHSM.ok) console.warn(`card-signed case tests skipped: ${SOFTHSM.reason}`);

/**
 * Issue 15 §1: a clerk signed in with a certificate card saves a case; the save is signed on the
 * card (SoftHSM2, initialised like the card-login tests) and checks later against the card's
 * certificate; any stored fact changed afterwards makes the check fail.
 */
const tmp = tempDir('nin1-case-sign-');
let lab: SoftHsmLab | undefined;
let mod: Pkcs11Module | undefined;
let ctx: ServiceContext | undefined;
afterEach(() => {
  ctx?.db.close();
  mod?.close();
  lab?.cleanup();
  ctx = mod = lab = undefined;
});
afterAll(() => tmp.cleanup());

async function setUp(algorithm: 'RSA' | 'EC', n: string): Promise<Actor> {
  const card = await issueCard({ algorithm });
  lab = card.lab;
  mod = Pkcs11Module.load(lab.module);
  ctx = makeContext(tmp.file(`${n}.sqlite`));
  const actor = seedClerk(ctx);
  enrollCertificate(ctx.db, { userId: actor.user.id, certDer: card.identity.certDer, enrolledBy: 'admin', at: TEST_NOW });
  return actor;
}
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppFailure) return e.error.code;
    throw e;
  }
  throw new Error('expected a failure');
};

describe.skipIf(!SOFTHSM.ok)('case save signed with the clerk card (SoftHSM2)', () => {
  it.each(['EC', 'RSA'] as const)('save with card → the signature verifies against the card certificate; a changed stored field → record-changed (%s)', async (algorithm) => {
    const actor = await setUp(algorithm, `ok-${algorithm}`);
    const { caseNo } = createCaseSignedWithCard(ctx!, actor, moveDraft(), { mod: mod!, pin: TEST_PIN });
    const check = verifyCaseSignature(ctx!.db, caseNo);
    expect(check).toMatchObject({ status: 'valid', signer: expect.stringContaining('王怡君') });
    expect(ctx!.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'case.card-sign'").pluck().get()).toBe(1);

    const caseId = ctx!.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(caseNo) as number;
    const name = ctx!.db.prepare('SELECT name FROM participants WHERE case_id = ? AND seq = 0').pluck().get(caseId) as string;
    ctx!.db.prepare('UPDATE participants SET name = ? WHERE case_id = ? AND seq = 0').run('王小華', caseId);
    expect(verifyCaseSignature(ctx!.db, caseNo).status).toBe('record-changed');
    // A record rewritten to match, without the card, breaks the signature instead.
    expect(JSON.stringify(name)).not.toBe(JSON.stringify('王小華'));
    const kept = ctx!.db.prepare('SELECT record FROM case_signatures WHERE case_id = ?').pluck().get(caseId) as string;
    ctx!.db.prepare('UPDATE case_signatures SET record = ? WHERE case_id = ?').run(kept.replace(JSON.stringify(name), JSON.stringify('王小華')), caseId);
    expect(verifyCaseSignature(ctx!.db, caseNo).status).toBe('signature-invalid');
  });

  it('refusal: a wrong PIN saves nothing (the save and its card signature are one transaction)', async () => {
    const actor = await setUp('EC', 'pin');
    const before = ctx!.db.prepare('SELECT COUNT(*) FROM cases').pluck().get();
    expect(failure(() => createCaseSignedWithCard(ctx!, actor, moveDraft(), { mod: mod!, pin: '000000' }))).toMatch(/^CARD_PIN/);
    expect(ctx!.db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(before);
    expect(ctx!.db.prepare('SELECT COUNT(*) FROM case_signatures').pluck().get()).toBe(0);
  });

  it("refusal: another user's card is CARD_OTHER_USER and saves nothing", async () => {
    await setUp('EC', 'other');
    const other = seedClerk(ctx!, 'clerk2');
    expect(failure(() => createCaseSignedWithCard(ctx!, other, moveDraft(), { mod: mod!, pin: TEST_PIN }))).toBe('CARD_OTHER_USER');
    expect(ctx!.db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(0);
  });
});
