import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../mail/mailer';
import { verificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { startSmtpSink } from '../testing/smtpSink';

let t: TestPlatform;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestPlatform({ mailer: createSmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false, from: 'platform@test.example' }) });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

describe('檢證: verification request → e-mail alert → answer → back at the office', () => {
  it('mails the answering agency (case number and item title, no personal data) and returns the answer to the office', async () => {
    const ws = await t.workstationToken();
    const tax = await t.agencyToken('KH-TAX');
    const e = verificationEnvelope();
    const sub = await t.http.call('submitNotifications', { body: { notifications: [e] } }, ws);
    expect(sub.body.results[0]!.outcome).toBe('accepted');

    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual(['verify@kh-tax.example.gov.tw']);
    expect(mail!.subject).toContain(e.caseNo);
    expect(mail!.subject).toContain('辦理戶籍遷入時稅單查證');
    expect(mail!.text).toContain(e.caseNo);
    for (const secret of [e.person.id, e.person.name, String(e.payload.houseOwner)]) {
      expect(mail!.raw).not.toContain(secret);
      expect(mail!.text + mail!.subject).not.toContain(secret);
    }

    // Resubmitting (a counter retry) sends no second mail.
    await t.http.call('submitNotifications', { body: { notifications: [e] } }, ws);
    await t.platform.deps.mail.drain();
    expect(sink.mails).toHaveLength(1);

    const inbox = await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: { item: 'V01', status: 'delivered' } }, tax);
    expect(inbox.body.entries.map((x) => x.id)).toEqual([e.id]);
    const answer = { found: true, text: '房屋稅已繳清（115年期）' };
    const ans = await t.http.call('notificationAction', { params: { id: e.id }, body: { action: 'answer', answer } }, tax);
    expect(ans.status).toBe(200);
    expect(ans.body.entry).toMatchObject({ status: 'completed', answer });

    const changes = await t.http.call('officeChanges', { params: { office: 'FS01' }, query: { cursor: 0 } }, ws);
    const mine = changes.body.changes.filter((c) => c.notificationId === e.id);
    expect(mine.map((c) => c.status)).toEqual(['delivered', 'received', 'completed']);
    expect(mine[2]!.answer).toEqual(answer);
  });

  it('a failing SMTP server never fails the request; the mail is retried until it goes out', async () => {
    const ws = await t.workstationToken();
    const before = sink.mails.length;
    sink.failNext(2);
    const e = verificationEnvelope();
    const sub = await t.http.call('submitNotifications', { body: { notifications: [e] } }, ws);
    expect(sub.status).toBe(200);
    expect(sub.body.results[0]!.outcome).toBe('accepted');
    // the worker backs off (50 ms base in tests) on the platform clock; move it along until delivered
    const deadline = Date.now() + 10_000;
    while (sink.mails.length === before && Date.now() < deadline) {
      t.clock.advance(1000);
      await t.platform.deps.mail.drain();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(sink.mails.length).toBe(before + 1);
    expect(sink.refused()).toBe(2);
    expect(sink.mails.at(-1)!.subject).toContain(e.caseNo);
  });
});
