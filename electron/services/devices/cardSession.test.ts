import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCounterApp, type CounterApp } from '../app';
import { enrollCertificate } from '../auth/certificates';
import { fixedClock } from '../clock';
import { silentLogger } from '../logging/logger';
import { seedClerk, TEST_NOW, tempDir } from '../testing/fixtures';
import { issueCard, SOFTHSM } from './pkcs11/testing/lab';
import { TEST_PIN, type SoftHsmLab } from './pkcs11/testing/softhsm';
import type { TestIdentity } from './pkcs11/testing/certificates';

if (!SOFTHSM.ok) console.warn(`card session tests skipped: ${SOFTHSM.reason}`);

let app: CounterApp | undefined;
let lab: SoftHsmLab | undefined;
const tmp = tempDir('nin1-cardsession-');
afterEach(() => {
  app?.close();
  lab?.cleanup();
  app = lab = undefined;
});

type R = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
const call = async (method: string, input: unknown, session: string | null = null): Promise<R> => (await app!.call(method, input, session)) as R;

/** An engine with card login on SoftHSM, the demo clerk enrolled with the issued card's certificate. */
async function counterWithCard(options: { enroll?: boolean } = {}) {
  const card = await issueCard();
  lab = card.lab;
  app = createCounterApp({ dbFile: tmp.file(`c${Date.now()}${Math.random()}.sqlite`), create: true, shell: 'cli', logger: silentLogger(), clock: fixedClock(TEST_NOW), pkcs11Module: lab.module });
  const clerk = seedClerk(app.ctx);
  if (options.enroll !== false) enrollCertificate(app.ctx.db, { userId: clerk.user.id, certDer: card.identity.certDer, enrolledBy: 'it', at: TEST_NOW });
  return { card, clerk };
}

/** Put the same certificate and key back on a new token: the clerk re-inserting the card. */
const reinsert = (identity: TestIdentity, label = 'clerk-card') => {
  lab!.createToken(label);
  lab!.importIdentity(label, identity);
};

describe.skipIf(!SOFTHSM.ok)('card login and the card-removed lock (SoftHSM2, through the contract)', () => {
  it('logs in with card + PIN and audits it without the PIN', async () => {
    await counterWithCard();
    const login = await call('session.cardLogin', { pin: TEST_PIN });
    expect(login.ok).toBe(true);
    const token = (login.value as { token: string }).token;
    expect(await call('session.current', {}, token)).toMatchObject({ ok: true, value: { username: 'clerk', role: 'counter_clerk' } });
    const audit = app!.ctx.db.prepare("SELECT action, detail FROM audit WHERE action LIKE 'session.%'").all() as { action: string; detail: string }[];
    expect(audit).toEqual([{ action: 'session.login', detail: expect.stringContaining('"method":"card"') }]);
    expect(JSON.stringify(audit)).not.toContain(TEST_PIN);
  });

  it('refuses a valid card whose certificate is not enrolled', async () => {
    await counterWithCard({ enroll: false });
    expect(await call('session.cardLogin', { pin: TEST_PIN })).toMatchObject({ ok: false, error: { code: 'CARD_NOT_ENROLLED', message: '此憑證卡尚未註冊為本系統的使用者，請洽系統管理員辦理憑證註冊。' } });
    const failed = app!.ctx.db.prepare("SELECT detail FROM audit WHERE action = 'session.login-failed'").pluck().all();
    expect(failed).toEqual([JSON.stringify({ method: 'card', code: 'CARD_NOT_ENROLLED' })]);
  });

  it('passes on the wrong-PIN message and checks the PIN shape first', async () => {
    await counterWithCard();
    expect(await call('session.cardLogin', { pin: '999999' })).toMatchObject({ ok: false, error: { code: 'CARD_PIN_INCORRECT' } });
    expect(await call('session.cardLogin', { pin: '12' })).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
  });

  it('locks the session the moment the card is pulled, and unlocks it with the same card and PIN', async () => {
    const { card } = await counterWithCard();
    app!.devices.start({ hid: null, tokenPollMs: 30 });
    const token = ((await call('session.cardLogin', { pin: TEST_PIN })).value as { token: string }).token;
    const password = ((await call('session.login', { username: 'clerk', password: 'demo1234' })).value as { token: string }).token;
    expect((await call('devices.status', {})).value).toMatchObject({ certificate: { configured: true, present: true, label: 'clerk-card' } });
    const cursor = ((await call('devices.events', { after: null }, token)).value as { cursor: number }).cursor;

    lab!.deleteToken('clerk-card');
    await vi.waitFor(async () => expect(await call('cases.today', {}, token)).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } }), { timeout: 3000, interval: 20 });
    expect((await call('devices.status', {})).value).toMatchObject({ certificate: { present: false } });
    expect(app!.devices.events.since(cursor).events).toMatchObject([{ type: 'card-removed', device: { kind: 'certificate' } }]);
    expect((await call('cases.today', {}, password)).ok).toBe(true); // a password session has no card to lose

    expect(await call('session.cardUnlock', { pin: TEST_PIN }, token)).toMatchObject({ ok: false, error: { code: 'CARD_NO_TOKEN' } });
    reinsert(card.identity);
    expect(await call('session.cardUnlock', { pin: TEST_PIN }, token)).toEqual({ ok: true, value: {} });
    expect((await call('cases.today', {}, token)).ok).toBe(true);
  });

  it('will not unlock with another clerk’s card', async () => {
    await counterWithCard();
    app!.devices.start({ hid: null, tokenPollMs: 30 });
    const token = ((await call('session.cardLogin', { pin: TEST_PIN })).value as { token: string }).token;
    lab!.deleteToken('clerk-card');
    await vi.waitFor(async () => expect((await call('cases.today', {}, token)).error?.code).toBe('SESSION_LOCKED'), { timeout: 3000, interval: 20 });
    const other = await issueCard({ commonName: '林志明' });
    const clerk2 = seedClerk(app!.ctx, 'clerk2');
    enrollCertificate(app!.ctx.db, { userId: clerk2.user.id, certDer: other.identity.certDer, enrolledBy: 'it', at: TEST_NOW });
    // The second lab is a different token directory: point this process's SoftHSM at it and reload.
    app!.devices.stop();
    other.lab.use();
    expect(await call('session.cardUnlock', { pin: TEST_PIN }, token)).toMatchObject({ ok: false, error: { code: 'CARD_OTHER_USER' } });
    other.lab.cleanup();
  });
});
