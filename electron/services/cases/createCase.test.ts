import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/result';
import { verifyAuditChain } from '../audit/audit';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { createCase } from './createCase';
import { buildConsentFormModel } from './formModel';
import { getCase, searchCases, todayCases } from './queries';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const count = (ctx: ReturnType<typeof makeContext>, table: string): number => ctx.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

describe('createCase on a real SQLite file', () => {
  it('stores case, person, a notification + queued event + outbox row per item, and one audit entry', () => {
    const ctx = makeContext(tmp.file('save.sqlite'));
    const actor = seedClerk(ctx);
    const { caseNo } = createCase(ctx, actor, moveDraft());
    expect(caseNo).toBe('FS01-1151126-0001');
    expect(count(ctx, 'cases')).toBe(1);
    expect(count(ctx, 'participants')).toBe(1);
    expect(count(ctx, 'notifications')).toBe(5);
    expect(count(ctx, 'notification_events')).toBe(5);
    expect(count(ctx, 'outbox')).toBe(5);
    const audit = ctx.db.prepare("SELECT action, case_no, detail FROM audit WHERE action = 'case.create'").all();
    expect(audit).toEqual([{ action: 'case.create', case_no: caseNo, detail: JSON.stringify({ lifeEvent: 'move', items: ['N01', 'N02', 'N04', 'N08', 'N09'], participants: 1 }) }]);
    const rows = ctx.db.prepare('SELECT item_code, receiver_agency, status FROM notifications ORDER BY rowid').all();
    expect(rows).toEqual([
      { item_code: 'N01', receiver_agency: 'KH-TAX', status: 'queued' },
      { item_code: 'N02', receiver_agency: 'KH-TAX', status: 'queued' },
      { item_code: 'N04', receiver_agency: 'KH-LAND-FS', status: 'queued' },
      { item_code: 'N08', receiver_agency: 'THB-KH-MV', status: 'queued' },
      { item_code: 'N09', receiver_agency: 'KH-SOCIAL', status: 'queued' },
    ]);
    // Notification ids are UUIDv7 (time-ordered) made at the counter: the platform's idempotency key.
    const ids = ctx.db.prepare('SELECT id FROM notifications ORDER BY rowid').pluck().all() as string[];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    ctx.db.close();
  });

  it('numbers cases per office and ROC day', () => {
    const ctx = makeContext(tmp.file('numbers.sqlite'));
    const actor = seedClerk(ctx);
    const a = createCase(ctx, actor, moveDraft());
    const b = createCase(ctx, actor, moveDraft({ person: { id: 'F131104093', name: '林美華', birthDate: '1985-07-01' } }));
    const c = createCase({ ...ctx, clock: { now: () => new Date('2026-11-26T16:30:00Z') } }, actor, moveDraft());
    expect([a.caseNo, b.caseNo, c.caseNo]).toEqual(['FS01-1151126-0001', 'FS01-1151126-0002', 'FS01-1151127-0001']);
    ctx.db.close();
  });

  it('normalises what the clerk typed (full-width ID, 台 → 臺)', () => {
    const ctx = makeContext(tmp.file('normalise.sqlite'));
    const actor = seedClerk(ctx);
    const { caseNo } = createCase(ctx, actor, moveDraft({ person: { id: ' ａ１２３４５６７８９ ', name: '王小明', birthDate: '79/03/15' }, oldAddress: '台南市東區林森路一段1號' }));
    const row = ctx.db
      .prepare("SELECT p.person_id, p.birth_date, c.event_fields ->> '$.oldAddress' AS old_address FROM cases c JOIN participants p ON p.case_id = c.id WHERE case_no = ?")
      .get(caseNo);
    expect(row).toEqual({ person_id: 'A123456789', birth_date: '1990-03-15', old_address: '臺南市東區林森路一段1號' });
    ctx.db.close();
  });

  it('adds the 稅單查證 only when the citizen has no house-tax bill, and insists on it', () => {
    const ctx = makeContext(tmp.file('verify.sqlite'));
    const actor = seedClerk(ctx);
    const draft = moveDraft({ hasHouseTaxBill: false });
    expect(() => createCase(ctx, actor, draft)).toThrow(/民眾未攜帶房屋稅單，須一併辦理/);
    draft.items.push({ code: 'V01', fields: { houseAddress: draft.newAddress, houseOwner: '王大同', question: '房屋稅籍及所有權人' } });
    const { caseNo } = createCase(ctx, actor, draft);
    const kinds = ctx.db.prepare("SELECT kind FROM notifications WHERE item_code = 'V01'").pluck().all();
    expect(kinds).toEqual(['verification']);
    expect(caseNo).toMatch(/^FS01-/);
    ctx.db.close();
  });

  it.each([
    ['bad ID checksum', moveDraft({ person: { id: 'A123456788', name: '王小明', birthDate: '1990-03-15' } }), 'participants[0].id'],
    ['impossible birth date', moveDraft({ person: { id: 'A123456789', name: '王小明', birthDate: '115/02/29' } }), 'participants[0].birthDate'],
    ['no house number', moveDraft({ newAddress: '高雄市鳳山區光復路二段' }), 'fields.newAddress'],
    ['item outside the life event', moveDraft({ items: [{ code: 'N07', fields: {} }] }), 'items.N07'],
    ['select value not in options', moveDraft({ items: [{ code: 'N09', fields: { certificateKind: '駕照' } }] }), 'items.N09.certificateKind'],
    ['unconfirmed required checkbox', moveDraft({ items: [{ code: 'N08', fields: { licenceScope: '僅駕照', noViolationChecked: false } }] }), 'items.N08.noViolationChecked'],
    ['no items at all', moveDraft({ items: [] }), 'items'],
  ])('rejects %s with a typed zh-TW error and stores nothing', (_name, draft, path) => {
    const ctx = makeContext(tmp.file(`bad-${path}.sqlite`));
    const actor = seedClerk(ctx);
    let failure: AppFailure | undefined;
    try {
      createCase(ctx, actor, draft);
    } catch (e) {
      failure = e as AppFailure;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect(failure!.error).toMatchObject({ code: 'CASE_INVALID', path });
    expect(failure!.error.message).toMatch(/[\u4e00-\u9fff]/);
    for (const table of ['cases', 'participants', 'notifications', 'outbox']) expect(count(ctx, table)).toBe(0);
    expect(count(ctx, 'case_sequences')).toBe(0);
    ctx.db.close();
  });
});

describe('finding cases', () => {
  it('by ID number, case number (and prefix) and name prefix; views and searches are audited', () => {
    const ctx = makeContext(tmp.file('search.sqlite'));
    const actor = seedClerk(ctx);
    const a = createCase(ctx, actor, moveDraft());
    createCase(ctx, actor, moveDraft({ person: { id: 'F131104093', name: '林美華', birthDate: '1985-07-01' } }));
    expect(searchCases(ctx, actor, 'a123456789').map((c) => c.caseNo)).toEqual([a.caseNo]);
    expect(searchCases(ctx, actor, a.caseNo)[0]).toMatchObject({ caseNo: a.caseNo, personName: '王小明', personIdMasked: 'A12****789', itemCount: 5 });
    expect(searchCases(ctx, actor, 'FS01-1151126')).toHaveLength(2);
    expect(searchCases(ctx, actor, '林').map((c) => c.personName)).toEqual(['林美華']);
    expect(searchCases(ctx, actor, '張')).toEqual([]);
    expect(todayCases(ctx, actor.user.role)).toHaveLength(2);

    const detail = getCase(ctx, actor, a.caseNo);
    expect(detail.person.idMasked).toBe('A12****789');
    expect(detail.person.phoneMasked).toBe('0912***678');
    expect(detail.notifications.every((n) => n.status === 'queued' && n.statusLabel === '待送出')).toBe(true);

    const actions = ctx.db.prepare('SELECT action, detail FROM audit ORDER BY id').all() as { action: string; detail: string | null }[];
    expect(actions.filter((r) => r.action === 'case.search')).toHaveLength(5);
    expect(actions.filter((r) => r.action === 'person.view')).toHaveLength(1);
    // The raw ID number never lands in the audit detail.
    expect(actions.some((r) => r.detail?.includes('A123456789'))).toBe(false);
    expect(verifyAuditChain(ctx.db)).toEqual({ ok: true, rows: actions.length });
    ctx.db.close();
  });

  it('a missing case is a typed error', () => {
    const ctx = makeContext(tmp.file('missing.sqlite'));
    const actor = seedClerk(ctx);
    expect(() => getCase(ctx, actor, 'FS01-1151126-0099')).toThrow(/查無案件/);
    ctx.db.close();
  });
});

describe('issue 17 finding 4: a later visit rewrites the person on earlier cases', () => {
  it('each case keeps the person as given at that visit', () => {
    const ctx = makeContext(tmp.file('finding4.sqlite'));
    const actor = seedClerk(ctx);
    const first = createCase(ctx, actor, moveDraft());
    createCase(ctx, actor, moveDraft({ person: { id: 'A123456789', name: '王曉明', birthDate: '1990-05-13', phone: '0922000111' } }));
    const detail = getCase(ctx, actor, first.caseNo);
    expect(detail.person).toMatchObject({ name: '王小明', birthDate: '1990-03-15' });
    const form = buildConsentFormModel(ctx, first.caseNo);
    expect(form.person).toMatchObject({ name: '王小明', birthDate: '民國79年3月15日' });
    ctx.db.close();
  });
});
