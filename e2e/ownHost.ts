import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { runHost } from '../electron/host/runHost';
import { expect, test } from './fixtures';

/** A browser host a spec starts for itself (with the demo platform), as runHost returns it. */
type Host = Awaited<ReturnType<typeof runHost>>;

/** A spec's own host with its temp folder and database, valid inside its tests and hooks. */
export type OwnHost = { readonly host: Host; readonly dir: string; readonly dbFile: string };

type OwnHostOptions = {
  /** runHost arguments after `--port 0 --db …` (`--no-platform`, `--test-hooks`); a function when they are known only in beforeAll (`--platform URL`). */
  args?: string[] | (() => string[]);
  /** Environment the host reads at start (NIN1_IDLE_LOCK_SECONDS, NIN1_POLICY_FILE …); the previous values are back once it closed. */
  env?: Record<string, string> | ((own: Omit<OwnHost, 'host'>) => Record<string, string>);
  /** Before the host starts, e.g. seeding its database or issuing a SoftHSM2 card it must see. */
  before?: (own: Omit<OwnHost, 'host'>) => Promise<void> | void;
  /** Right after it started, in the same beforeAll (e.g. enrolling a card for the demo clerk). */
  ready?: (own: OwnHost) => Promise<void> | void;
  /** After it closed, before its folder is removed (e.g. the SoftHSM2 lab, environment variables). */
  after?: () => Promise<void> | void;
};

/**
 * The setup and teardown every spec with a host of its own repeated: registers (in the current file
 * or describe) a beforeAll that makes a temp folder `nin1-e2e-<name>-…` and starts runHost on a
 * random port with a database in it, and an afterAll that closes the host and removes the folder.
 * The hooks in `options` run inside these two, so their order is fixed whatever else the spec adds.
 */
export function ownHost(name: string, options: OwnHostOptions = {}): OwnHost {
  let started: Host | null = null;
  let dir = '';
  const dbFile = () => join(dir, 'counter.sqlite');
  const own: OwnHost = {
    get host() {
      if (!started) throw new Error(`ownHost(${name}): the host is not running (use it inside a test or hook)`);
      return started;
    },
    get dir() {
      return dir;
    },
    get dbFile() {
      return dbFile();
    },
  };
  const saved = new Map<string, string | undefined>();
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `nin1-e2e-${name}-`));
    const env = typeof options.env === 'function' ? options.env({ dir, dbFile: dbFile() }) : (options.env ?? {});
    for (const [key, value] of Object.entries(env)) {
      saved.set(key, process.env[key]);
      process.env[key] = value;
    }
    await options.before?.({ dir, dbFile: dbFile() });
    const extra = typeof options.args === 'function' ? options.args() : (options.args ?? []);
    started = await runHost(['--port', '0', '--db', dbFile(), ...extra]);
    await options.ready?.(own);
  });
  test.afterAll(async () => {
    try {
      await started?.close();
      started = null;
      await options.after?.();
    } finally {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      saved.clear();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });
  return own;
}

/** Signs in on the host's login screen by keyboard, as a clerk does (demo password). */
export async function signInAt(host: Host, page: Page, username: string): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByLabel('帳號', { exact: true })).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Enter');
  await page.keyboard.type('demo1234');
  await page.keyboard.press('Enter');
}

/** Opens a case from the counter's home by the keyboard: F3, its number, Enter, ↓ to the one result, Enter. */
export async function openCaseBySearch(page: Page, caseNo: string): Promise<void> {
  await page.keyboard.press('F3');
  await page.keyboard.type(caseNo);
  await page.keyboard.press('Enter');
  // ↓ must land on the search result, not on today's list still on screen while the search runs.
  await expect(page.getByRole('heading', { name: new RegExp(`查詢結果：「${caseNo}」（1 筆）`) })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `案件 ${caseNo}` })).toBeVisible();
}

/**
 * Saves a 遷徙 case through the host's contract as clerk2 (the 0.1 move draft: land, tax, motor and
 * 社政 items; with `withTaxCheck`, also the 稅單查證 V01), and records a consent exception per agency:
 * no signed form is scanned in these specs, and a documented exception lets the items go.
 */
export async function createMoveCaseViaApi(host: Host, withTaxCheck: boolean): Promise<string> {
  const origin = new URL(host.url).origin;
  const token = new URL(host.url).hash.replace('#token=', '');
  const post = async (method: string, body: unknown, session?: string) =>
    (await (
      await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(session ? { 'x-session': session } : {}) },
        body: JSON.stringify(body),
      })
    ).json()) as { ok: boolean; value: { token: string; caseNo: string }; error?: { message: string } };
  const login = await post('session.login', { username: 'clerk2', password: 'demo1234' });
  const address = '高雄市鳳山區光復路二段132號';
  const items = [
    { code: 'N01', fields: { mailingAddress: address, taxTypes: '全部稅目' } },
    { code: 'N02', fields: { landLocation: '鳳山區鳳山段一小段123地號', buildingAddress: address, ownerName: '王小明', registeredRelation: '本人' } },
    { code: 'N04', fields: { changeType: '住址變更', registeredAddress: address } },
    { code: 'N08', fields: { licenceScope: '駕照及行照', noViolationChecked: true } },
    { code: 'N09', fields: { certificateKind: '身心障礙證明' } },
    ...(withTaxCheck ? [{ code: 'V01', fields: { houseAddress: address, houseOwner: '王大同', question: '房屋稅籍及所有權人' } }] : []),
  ];
  const created = await post(
    'cases.create',
    {
      lifeEvent: 'move',
      person: { id: 'A123456789', name: '王小明', birthDate: '1990-03-15', phone: '0912345678' },
      oldAddress: '高雄市苓雅區四維三路2號',
      newAddress: address,
      moveDate: new Date().toISOString().slice(0, 10),
      hasHouseTaxBill: !withTaxCheck,
      items,
    },
    login.value.token,
  );
  if (!created.ok) throw new Error(`case not created: ${created.error?.message}`);
  for (const agencyCode of ['KH-TAX', 'KH-LAND-FS', 'THB-KH-MV', 'KH-SOCIAL']) {
    const excepted = await post('consent.recordException', { caseNo: created.value.caseNo, agencyCode, reason: 'e2e：簽名同意書另行歸檔' }, login.value.token);
    if (!excepted.ok) throw new Error(`consent exception not recorded: ${excepted.error?.message}`);
  }
  return created.value.caseNo;
}

/**
 * Waits until the demo counter has sent what it can (its past cases: progress records, evidence and
 * envelopes go in several requests now), i.e. its pending outbox count holds still for four seconds.
 * Specs that then stop the platform or move its clock need the backlog settled first.
 */
export async function settledBacklog(counterDb: string): Promise<void> {
  const pending = () => {
    const db = new Database(counterDb, { readonly: true, fileMustExist: true });
    try {
      return db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").pluck().get() as number;
    } finally {
      db.close();
    }
  };
  let last = -1;
  let stillFor = 0;
  await expect
    .poll(
      () => {
        const now = pending();
        stillFor = now === last ? stillFor + 1 : 0;
        last = now;
        return stillFor >= 2;
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBe(true);
}
