import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { issueEnrolCode } from '../../../platform/auth/enrolment';
import { systemClock } from '../clock';
import { seedDemo } from '../demo/seedDemo';
import { makeContext, tempDir } from '../testing/fixtures';
import { workstationCredential } from './credentials';
import { enroll } from './enroll';

/** `counter enroll` on a real platform over loopback HTTP (issue 17, small findings). */
const tmp = tempDir('nin1-enroll-');
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
  tmp.cleanup();
});

describe('enrolment', () => {
  it('finding 17-small: counter enroll refuses a demo database, with a valid code, and stores nothing', async () => {
    const ctx = makeContext(tmp.file('demo.sqlite'));
    try {
      seedDemo(ctx, { cases: 2, days: 2 });
      const { code } = await issueEnrolCode(platform.store, platform.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01', senderAgency: 'KH-HR-FS' });
      const target = { kind: 'workstation' as const, officeCode: 'FS01', workstationId: 'FS01-W01' };
      await expect(enroll(ctx.db, { url: platform.url, code, target, clock: systemClock })).rejects.toMatchObject({
        error: { code: 'DEMO_DATABASE_NOT_ENROLLABLE', message: expect.stringContaining('示範資料庫') },
      });
      expect(workstationCredential(ctx.db)).toBeNull();
      // The code was never spent: an office database enrols with it.
      const office = makeContext(tmp.file('office.sqlite'));
      try {
        expect((await enroll(office.db, { url: platform.url, code, target, clock: systemClock })).kind).toBe('workstation');
      } finally {
        office.db.close();
      }
    } finally {
      ctx.db.close();
    }
  });
});
