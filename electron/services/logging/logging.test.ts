import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createCounterApp } from '../app';
import { fixedClock } from '../clock';
import { seedDemo } from '../demo/seedDemo';
import { moveDraft, TEST_NOW, tempDir } from '../testing/fixtures';
import { createLogger } from './logger';
import { rotatingFile } from './rotatingFile';

const tmp = tempDir('nin1-log-');
afterAll(() => tmp.cleanup());

describe('log files', () => {
  it('rotate by day and by size, keeping a bounded number of files', () => {
    let now = new Date(2026, 10, 26, 9, 0);
    const dir = tmp.file('rot');
    const dest = rotatingFile({ dir, maxBytes: 200, keepFiles: 4, now: () => now });
    const log = pino({ base: null }, dest);
    for (let i = 0; i < 6; i++) log.info({ i }, 'x'.repeat(60));
    expect(dest.currentFile()).toMatch(/n-in-1-2026-11-26\.\d\.log$/);
    now = new Date(2026, 10, 27, 9, 0);
    log.info('next day');
    expect(dest.currentFile()).toMatch(/n-in-1-2026-11-27\.log$/);
    const files = readdirSync(dir);
    expect(files.length).toBeLessThanOrEqual(4);
    expect(files).toContain('n-in-1-2026-11-27.log');
    for (const f of files) for (const line of readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    dest.close();
  });

  it('never contain personal data: a whole case through the services leaves no ID number, name, address or phone', async () => {
    const dir = tmp.file('pii');
    const logger = createLogger({ dir, level: 'trace' });
    const app = createCounterApp({ dbFile: tmp.file('pii.sqlite'), create: true, shell: 'cli', logger, clock: fixedClock(TEST_NOW) });
    seedDemo(app.ctx, { cases: 3 });
    const person = { id: 'F223456786', name: '林美珠', birthDate: '1985-07-04', phone: '0933222111' };
    const draft = moveDraft({ person, oldAddress: '高雄市苓雅區自強三路5號', newAddress: '高雄市鳳山區中山西路99號' });
    const login = (await app.call('session.login', { username: 'clerk', password: 'demo1234' }, null)) as { ok: true; value: { token: string } };
    const session = login.value.token;
    const created = (await app.call('cases.create', draft, session)) as { ok: true; value: { caseNo: string } };
    expect(created, JSON.stringify(created)).toMatchObject({ ok: true });
    await app.call('cases.search', { query: person.id }, session);
    await app.call('cases.search', { query: person.name }, session);
    await app.call('cases.get', { caseNo: created.value.caseNo }, session);
    await app.call('cases.formPdf', { caseNo: created.value.caseNo }, session);
    await app.call('cases.create', { ...draft, person: { ...person, id: 'F223456787' } }, session); // invalid ID → error path
    await app.call('session.login', { username: 'clerk', password: 'wrong-password' }, null); // failed login
    // A careless caller logging a whole object: redaction is the second line of defence.
    logger.child({ module: 'careless' }).warn({ person, input: draft, body: draft }, 'oops');
    app.close();
    await new Promise((r) => setTimeout(r, 50));
    const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(text).toContain(created.value.caseNo); // the log is not empty: case numbers are how IT follows a case
    for (const secret of [person.id, 'F223456787', person.name, '自強三路', '中山西路', person.phone, 'demo1234', 'wrong-password', session]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('the diagnostics bundle holds versions, redacted config, counts and logs, but no personal data', async () => {
    const { collectDiagnostics } = await import('../diagnostics/bundle');
    const logDir = tmp.file('diag-logs');
    const logger = createLogger({ dir: logDir });
    const app = createCounterApp({
      dbFile: tmp.file('diag.sqlite'),
      create: true,
      shell: 'cli',
      logger,
      clock: fixedClock(TEST_NOW),
      config: { ...(await import('../config/config')).DEMO_CONFIG, platform: { url: 'https://svc:s3cret@nin1.kcg.gov.tw/' } },
    });
    seedDemo(app.ctx, { cases: 4 });
    const bundle = collectDiagnostics({ ctx: app.ctx, appVersion: '0.1.0', shell: 'cli', logDir });
    const json = JSON.stringify(bundle);
    expect(bundle).toMatchObject({ versions: { app: '0.1.0', node: process.versions.node }, queue: { pending: expect.any(Number) } });
    expect(json).toContain('https://***@nin1.kcg.gov.tw/');
    expect(json).not.toContain('s3cret');
    const people = app.ctx.db.prepare('SELECT person_id AS id, name FROM participants WHERE person_id IS NOT NULL').all() as { id: string; name: string }[];
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) {
      expect(json).not.toContain(p.id);
      expect(json).not.toContain(p.name);
    }
    writeFileSync(tmp.file('bundle.json'), json);
    app.close();
  });
});
