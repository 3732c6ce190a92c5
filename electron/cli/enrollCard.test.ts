import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { issueCard, SOFTHSM } from '../services/devices/pkcs11/testing/lab';
import { makeContext, seedClerk, tempDir } from '../services/testing/fixtures';
import { enrollCardCommand } from './commands/enrollCard';

const tmp = tempDir('nin1-enroll-card-');
afterAll(() => tmp.cleanup());

const dbWithClerk = (name: string): string => {
  const file = tmp.file(name);
  const ctx = makeContext(file);
  seedClerk(ctx);
  ctx.db.close();
  return file;
};
const enrolled = (file: string) => {
  const ctx = makeContext(file);
  const rows = ctx.db.prepare('SELECT u.username, c.subject_serial AS serial FROM user_certificates c JOIN users u ON u.id = c.user_id').all();
  ctx.db.close();
  return rows;
};

describe.skipIf(!SOFTHSM.ok)('counter enroll-card', () => {
  it('enrols every certificate on the card in the reader (no PIN needed) and refuses a second time', async () => {
    const { lab } = await issueCard();
    const db = dbWithClerk('card.sqlite');
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await enrollCardCommand.run({ db, user: 'clerk', module: lab.module })).toBe(0);
      expect(out.mock.calls[0]?.[0]).toMatch(/^已註冊 clerk 的憑證 [0-9a-f]{16}…（有效至 2030-01-01）$/);
      await expect(async () => enrollCardCommand.run({ db, user: 'clerk', module: lab.module })).rejects.toThrow(/已註冊過/);
    } finally {
      out.mockRestore();
      lab.cleanup();
    }
    expect(enrolled(db)).toEqual([{ username: 'clerk', serial: '0000000012345678' }]);
  });

  it('enrols from a PEM file, and names an unknown user', async () => {
    const { lab, identity } = await issueCard();
    lab.cleanup();
    const pem = tmp.file('clerk.pem');
    writeFileSync(pem, new X509Certificate(identity.certDer).toString());
    const db = dbWithClerk('pem.sqlite');
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await enrollCardCommand.run({ db, user: 'clerk', cert: pem })).toBe(0);
      await expect(async () => enrollCardCommand.run({ db, user: 'nobody', cert: pem })).rejects.toThrow(/找不到帳號「nobody」/);
    } finally {
      out.mockRestore();
    }
    expect(enrolled(db)).toHaveLength(1);
  });
});
