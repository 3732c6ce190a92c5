// Test fixtures: real SQLite files in a temp folder, the shipped catalogue, the demo office.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LegacyMoveDraft } from '../../../shared/cases/schema';
import { sharedPasswordHash } from '../auth/sharedHash';
import { createUser, ensureOffice } from '../auth/users';
import { loadCatalogue } from '../catalogue/loadCatalogue';
import { fixedClock, type Clock } from '../clock';
import { DEMO_CONFIG } from '../config/config';
import type { Actor, ServiceContext } from '../context';
import { openDatabase } from '../db/open';
import { silentLogger } from '../logging/logger';
import { resourcePath } from '../resources';

export function tempDir(prefix = 'nin1-'): { dir: string; file(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const TEST_NOW = '2026-11-26T02:30:00.000Z'; // 民國115年11月26日 10:30 in Taipei

export function makeContext(dbFile: string, clock: Clock = fixedClock(TEST_NOW)): ServiceContext {
  return { db: openDatabase(dbFile, { create: true }), catalogue: loadCatalogue(resourcePath('catalogue')), config: DEMO_CONFIG, clock, logger: silentLogger() };
}

/** The password of every fixture account. */
export const FIXTURE_PASSWORD = 'demo1234';

/**
 * The hash fixture accounts share: one production-cost scrypt run per test process, not one per
 * account (seedClerk runs in most test files, several times in some).
 */
export const fixturePasswordHash = (): string => sharedPasswordHash(FIXTURE_PASSWORD);

/** The demo office and one counter clerk (password `demo1234`); cheap enough for every test. */
export function seedClerk(ctx: ServiceContext, username = 'clerk'): Actor {
  ensureOffice(ctx.db, ctx.config.officeCode, ctx.config.officeName);
  const id = createUser(ctx.db, { username, displayName: '王怡君', role: 'counter_clerk', officeCode: ctx.config.officeCode, passwordHash: fixturePasswordHash() }, TEST_NOW);
  return { user: { id, username, displayName: '王怡君', role: 'counter_clerk', officeCode: ctx.config.officeCode }, workstation: 'FS01-W01', ip: '127.0.0.1' };
}

/**
 * A realistic 遷徙 visit with the five notification items (citizen brought the house-tax bill), in
 * the release-0.1 draft shape the services still accept (so it also keeps that path tested).
 */
export function moveDraft(overrides: Partial<LegacyMoveDraft> = {}): LegacyMoveDraft {
  return {
    lifeEvent: 'move',
    person: { id: 'A123456789', name: '王小明', birthDate: '1990-03-15', phone: '0912345678' },
    oldAddress: '高雄市苓雅區四維三路2號',
    newAddress: '高雄市鳳山區光復路二段132號',
    moveDate: '2026-11-20',
    hasHouseTaxBill: true,
    items: [
      { code: 'N01', fields: { mailingAddress: '高雄市鳳山區光復路二段132號', taxTypes: '全部稅目' } },
      { code: 'N02', fields: { landLocation: '鳳山區鳳山段一小段123地號', buildingAddress: '高雄市鳳山區光復路二段132號', ownerName: '王小明', registeredRelation: '本人' } },
      { code: 'N04', fields: { changeType: '住址變更', registeredAddress: '高雄市鳳山區光復路二段132號' } },
      { code: 'N08', fields: { licenceScope: '駕照及行照', noViolationChecked: true } },
      { code: 'N09', fields: { certificateKind: '身心障礙證明' } },
    ],
    ...overrides,
  };
}
