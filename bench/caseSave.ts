import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { CaseDraft } from '../shared/cases/schema';
import type { Catalogue } from '../shared/catalogue/schema';
import { createCase } from '../electron/services/cases/createCase';
import { makeContext, moveDraft, seedClerk, tempDir } from '../electron/services/testing/fixtures';
import { entry, percentile, timeRuns, type BenchEntry } from './stats';

const RUNS = 2000;

/** The move bundle plus three more items: the "case + 8 notifications" workload. */
function withEightItemEvent(c: Catalogue): Catalogue {
  const items = ['N01', 'N02', 'N03', 'N04', 'N08', 'N09', 'N10', 'V01'].map((item) => ({ item, preselected: true, when: 'always' as const }));
  return { ...c, lifeEvents: [...c.lifeEvents, { code: 'bench8', name: '基準測試', description: '八項通報', items }] };
}

function eightItemDraft(): CaseDraft {
  const base = moveDraft({ hasHouseTaxBill: false });
  return {
    ...base,
    lifeEvent: 'bench8',
    items: [
      ...base.items.filter((i) => i.code !== 'N09'),
      { code: 'N03', fields: { houseAddress: base.newAddress, ownerName: '王小明', doorplateDate: '115/11/01' } },
      { code: 'N09', fields: { certificateKind: '身心障礙證明' } },
      { code: 'N10', fields: { cancelledAddress: base.oldAddress, demolitionDate: '115/10/01' } },
      { code: 'V01', fields: { houseAddress: base.newAddress, houseOwner: '王大同', question: '房屋稅籍及所有權人' } },
    ],
  };
}

/**
 * case-save: the real service (validation, sequence, person upsert, case, 8 notifications with
 * events and outbox rows, hash-chained audit, one IMMEDIATE transaction, synchronous=FULL) against
 * the same rows inserted bare in one transaction on an identical database.
 */
export function benchCaseSave(): BenchEntry[] {
  const tmp = tempDir('nin1-bench-save-');
  try {
    const ctx = makeContext(tmp.file('service.sqlite'));
    ctx.catalogue = withEightItemEvent(ctx.catalogue);
    const actor = seedClerk(ctx);
    const draft = eightItemDraft();
    const service = timeRuns(RUNS, () => createCase(ctx, actor, draft));
    const notifications = ctx.db.prepare("SELECT COUNT(*) FROM notifications").pluck().get() as number;
    if (notifications !== (RUNS + 50) * 8) throw new Error(`expected 8 notifications per case, got ${notifications}`);
    ctx.db.close();

    const bare = makeContext(tmp.file('bare.sqlite'));
    const clerk = seedClerk(bare);
    const db = bare.db;
    const person = db.prepare("INSERT INTO people (person_id, id_kind, name, birth_date, address, updated_at) VALUES ('A123456789', 'national', '王小明', '1990-03-15', 'x', 't') ON CONFLICT (person_id) DO UPDATE SET updated_at = excluded.updated_at RETURNING id").pluck();
    const kase = db.prepare("INSERT INTO cases (case_no, office_code, person_ref, life_event, old_address, new_address, move_date, has_house_tax_bill, status, clerk_id, catalogue_version, form_version, created_at, local_date) VALUES (?, 'FS01', ?, 'bench8', 'a', 'b', '2026-11-20', 0, 'submitted', ?, 'v', 'f', 't', '2026-11-26')");
    const note = db.prepare("INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at) VALUES (?, ?, 'N01', 'notification', 'KH-TAX', '{}', 'queued', 't', 't')");
    const event = db.prepare("INSERT INTO notification_events (notification_id, status, actor, at) VALUES (?, 'queued', 'clerk', 't')");
    const outbox = db.prepare("INSERT INTO outbox (notification_id, created_at) VALUES (?, 't')");
    const audit = db.prepare("INSERT INTO audit (at, actor, action, prev_hash, hash) VALUES ('t', 'clerk', 'case.create', ?, ?)");
    const hash = createHash('sha256').update('x').digest('hex');
    const tx = db.transaction((i: number) => {
      const ref = person.get() as number;
      const caseId = kase.run(`FS01-1151126-${i + 100}`, ref, clerk.user.id).lastInsertRowid;
      for (let k = 0; k < 8; k++) {
        const id = uuidv7();
        note.run(id, caseId);
        event.run(id);
        outbox.run(id);
      }
      audit.run(hash, hash);
    });
    const baseline = timeRuns(RUNS, (i) => tx.immediate(i));
    db.close();

    const p99 = percentile(service, 99);
    const bareP99 = percentile(baseline, 99);
    return [
      entry('case-save-p50', percentile(service, 50), 'ms', 2, { baseline: percentile(baseline, 50) }),
      entry('case-save-p99', p99, 'ms', 2, { baseline: bareP99, maxRatio: 3 }),
      entry('case-save-ratio', p99 / bareP99, 'x', 3, { note: 'p99 service save / p99 bare insert of the same rows' }),
    ];
  } finally {
    tmp.cleanup();
  }
}
