import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterApp, type CounterApp } from '../app';
import { enrollCertificate } from '../auth/certificates';
import { fixedClock } from '../clock';
import { issueCard, SOFTHSM } from '../devices/pkcs11/testing/lab';
import { TEST_PIN, type SoftHsmLab } from '../devices/pkcs11/testing/softhsm';
import { FIXTURE_PASSWORD, moveDraft, seedClerk, TEST_NOW, tempDir } from '../testing/fixtures';

if (!SOFTHSM.ok) console.warn(`card-signed case save tests skipped: ${SOFTHSM.reason}`);

/**
 * Issue 15 §1 through the contract: a clerk signed in with a certificate card (SoftHSM2, as the
 * card-login tests) saves with `cases.create` + the card PIN; the case carries a valid card
 * signature (`cases.cardSignature`); a wrong or missing PIN saves nothing; a password session saves
 * unsigned as before. The PIN never reaches the database, the audit or the log.
 */
type R = { ok: boolean; value?: any; error?: { code: string; message: string; path?: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any
const tmp = tempDir('nin1-casesave-');
const logLines: string[] = [];
let app: CounterApp;
let lab: SoftHsmLab | undefined;
let card: string;
let password: string;
const call = async (method: string, input: unknown, session: string | null): Promise<R> => (await app.call(method, input, session)) as R;
const count = (sql: string) => app.ctx.db.prepare(sql).pluck().get() as number;

beforeAll(async () => {
  if (!SOFTHSM.ok) return;
  const issued = await issueCard({ algorithm: 'EC' });
  lab = issued.lab;
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  const dbFile = tmp.file('counter.sqlite');
  app = createCounterApp({ dbFile, create: true, shell: 'cli', logger, clock: fixedClock(TEST_NOW), pkcs11Module: lab.module });
  const clerk = seedClerk(app.ctx);
  enrollCertificate(app.ctx.db, { userId: clerk.user.id, certDer: issued.identity.certDer, enrolledBy: 'it', at: TEST_NOW });
  card = ((await call('session.cardLogin', { pin: TEST_PIN }, null)).value as { token: string }).token;
  password = ((await call('session.login', { username: 'clerk', password: FIXTURE_PASSWORD }, null)).value as { token: string }).token;
});
afterAll(() => {
  app?.close();
  lab?.cleanup();
  tmp.cleanup();
});

describe.skipIf(!SOFTHSM.ok)('cases.create of a card session is signed on the card (SoftHSM2, real SQLite)', () => {
  it('session.current says which sessions sign with the card', async () => {
    expect((await call('session.current', {}, card)).value).toMatchObject({ username: 'clerk', cardSession: true });
    expect((await call('session.current', {}, password)).value).toMatchObject({ username: 'clerk', cardSession: false });
  });

  it('refusal: a wrong PIN is CARD_PIN_INCORRECT in zh-TW and stores nothing', async () => {
    const r = await call('cases.create', { ...moveDraft(), cardPin: '999999' }, card);
    expect(r).toMatchObject({ ok: false, error: { code: 'CARD_PIN_INCORRECT', message: expect.stringMatching(/^PIN 碼錯誤/) } });
    expect([count('SELECT COUNT(*) FROM cases'), count('SELECT COUNT(*) FROM notifications'), count('SELECT COUNT(*) FROM case_signatures')]).toEqual([0, 0, 0]);
  });

  it('refusal: no PIN in a card session is CARD_PIN_REQUIRED and stores nothing', async () => {
    expect(await call('cases.create', moveDraft(), card)).toMatchObject({ ok: false, error: { code: 'CARD_PIN_REQUIRED', path: 'cardPin' } });
    expect(count('SELECT COUNT(*) FROM cases')).toBe(0);
  });

  it('save with the PIN → the case and a valid card signature, checked against the card certificate', async () => {
    const r = await call('cases.create', { ...moveDraft(), cardPin: TEST_PIN }, card);
    expect(r.ok).toBe(true);
    const caseNo = (r.value as { caseNo: string }).caseNo;
    expect(count('SELECT COUNT(*) FROM case_signatures')).toBe(1);
    expect(await call('cases.cardSignature', { caseNo }, card)).toMatchObject({
      ok: true,
      value: { status: 'valid', label: '有效', signer: expect.stringContaining('王怡君'), fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/i), signedAt: TEST_NOW },
    });
    // A stored fact changed afterwards: the case screen says 資料已變更.
    app.ctx.db.prepare("UPDATE participants SET name = '王小華' WHERE case_id = (SELECT id FROM cases WHERE case_no = ?)").run(caseNo);
    expect((await call('cases.cardSignature', { caseNo }, password)).value).toMatchObject({ status: 'record-changed', label: '資料已變更' });
  });

  it('a password session saves as before, unsigned (未簽章)', async () => {
    const r = await call('cases.create', moveDraft(), password);
    expect(r.ok).toBe(true);
    expect((await call('cases.cardSignature', { caseNo: r.value.caseNo }, password)).value).toEqual({ status: 'unsigned', label: '未簽章', signer: null, fingerprint: null, signedAt: null });
  });

  it('the PIN is nowhere: not in the database, the audit or the log', () => {
    const dump = JSON.stringify([
      app.ctx.db.prepare('SELECT * FROM audit').all(),
      app.ctx.db.prepare('SELECT * FROM cases').all(),
      app.ctx.db.prepare('SELECT * FROM case_signatures').all(),
      app.ctx.db.prepare('SELECT * FROM outbox').all(),
    ]);
    const log = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    // As a value of its own (the card certificate's serial number 0000000012345678 contains the test PIN's digits).
    for (const text of [dump, log]) {
      expect(text).not.toMatch(new RegExp(`\\b${TEST_PIN}\\b|999999|cardPin`));
    }
  });
});
