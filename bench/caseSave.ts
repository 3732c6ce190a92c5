import { v7 as uuidv7 } from 'uuid';
import { validateDraft, type NormalisedDraft } from '../shared/cases/validateDraft';
import { createCase } from '../electron/services/cases/createCase';
import { exampleDraft } from '../electron/services/catalogue/examples';
import type { ServiceContext } from '../electron/services/context';
import { resourcePath } from '../electron/services/resources';
import { makeContext, seedClerk, tempDir } from '../electron/services/testing/fixtures';
import { entry, percentile, timeRuns, type BenchEntry } from './stats';

const RUNS = 2000;
const EVENTS = ['move', 'death', 'birth', 'assistance'] as const;
/** The bar of issue 12: a service save's p99 at most twice the bare insert of the same rows (was 2.6). */
const MAX_RATIO = 2;

/**
 * The rows one save writes — case, participants, checklist, a notification per item with its first
 * event and outbox row, the progress code and one audit row — inserted bare (prepared once, no
 * validation, no sequence, no hashing) in one IMMEDIATE transaction with synchronous=FULL.
 */
function bareSaver(ctx: ServiceContext, clerkId: number, d: NormalisedDraft): (i: number) => void {
  const db = ctx.db;
  const fields = JSON.stringify(d.fields);
  const payloads = d.items.map((i) => [i.item.code, i.item.kind, i.item.receiverAgency, JSON.stringify(i.fields)] as const);
  const kase = db.prepare(
    `INSERT INTO cases (case_no, office_code, life_event, event_fields, status, clerk_id, catalogue_version, form_version, created_at, local_date, language, documents_spared, documents_complete_on)
     VALUES (?, 'FS01', ?, ?, 'submitted', ?, 'v', 'f', 't', '2026-11-26', NULL, ?, NULL)`,
  );
  const person = db.prepare('INSERT INTO participants (case_id, role, seq, person_id, id_kind, name, birth_date, phone, address, relation, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const doc = db.prepare('INSERT INTO case_documents (case_id, code, name, status, arrived_on) VALUES (?, ?, ?, ?, NULL)');
  const note = db.prepare(
    "INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at, stats_office, stats_clerk, stats_life_event) VALUES (?, ?, ?, ?, ?, ?, 'queued', 't', 't', 'FS01', ?, ?)",
  );
  const event = db.prepare("INSERT INTO notification_events (notification_id, status, actor, at) VALUES (?, 'queued', 'clerk', 't')");
  const outbox = db.prepare("INSERT INTO outbox (notification_id, created_at) VALUES (?, 't')");
  const progress = db.prepare("INSERT INTO case_progress_codes (case_id, code, alg, salt, hash, issue, issued_at, issued_by) VALUES (?, 'ABCDEFGH', 'a', 's', 'h', 1, 't', 'clerk')");
  const audit = db.prepare("INSERT INTO audit (at, actor, action, prev_hash, hash) VALUES ('t', 'clerk', 'case.create', ?, ?)");
  const tx = db.transaction((i: number) => {
    const caseId = kase.run(`FS01-1151126-${i + 100}`, d.lifeEvent.code, fields, clerkId, d.documentsSpared).lastInsertRowid;
    d.participants.forEach((p, seq) => person.run(caseId, p.role.role, seq, p.id, p.idKind, p.name, p.birthDate, p.phone, p.address, p.relation, p.title));
    for (const x of d.documents) doc.run(caseId, x.code, x.name, x.status);
    for (const [code, kind, agency, payload] of payloads) {
      const id = uuidv7();
      note.run(id, caseId, code, kind, agency, payload, clerkId, d.lifeEvent.code);
      event.run(id);
      outbox.run(id);
    }
    progress.run(caseId);
    audit.run(`p${i}`, `h${i}`);
  });
  return (i) => tx.immediate(i);
}

/**
 * case-save per life event: the real service (validation, sequence, participants, case, a
 * notification per item with events and outbox rows, progress code, hash-chained audit, one
 * IMMEDIATE transaction, synchronous=FULL) on the event's example draft, against the bare insert
 * of the same rows on an identical database in the same run. `case-save-p50/p99/ratio` (the names
 * kept from release 0.1) measure the death bundle: the "case + 8 notifications".
 */
export function benchCaseSave(): BenchEntry[] {
  const tmp = tempDir('nin1-bench-save-');
  const out: BenchEntry[] = [];
  try {
    for (const code of EVENTS) {
      const ctx = makeContext(tmp.file(`${code}-service.sqlite`));
      const actor = seedClerk(ctx);
      const draft = exampleDraft(ctx.catalogue, resourcePath('catalogue'), code);
      const service = timeRuns(RUNS, () => createCase(ctx, actor, draft));
      const checked = validateDraft(draft, ctx.catalogue, '2026-11-26');
      if (!checked.ok) throw new Error(`example ${code} invalid: ${checked.errors[0]!.message}`);
      ctx.db.close();

      const bare = makeContext(tmp.file(`${code}-bare.sqlite`));
      const clerk = seedClerk(bare);
      const baseline = timeRuns(RUNS, bareSaver(bare, clerk.user.id, checked.value));
      bare.db.close();

      const p99 = percentile(service, 99);
      const bareP99 = percentile(baseline, 99);
      const items = checked.value.items.length;
      out.push(entry(`case-save-${code}-p99`, p99, 'ms', 2, { baseline: bareP99, maxRatio: MAX_RATIO, note: `${items} notifications per case` }));
      if (code === 'death') {
        out.push(
          entry('case-save-p50', percentile(service, 50), 'ms', 2, { baseline: percentile(baseline, 50) }),
          entry('case-save-p99', p99, 'ms', 2, { baseline: bareP99, maxRatio: MAX_RATIO }),
          entry('case-save-ratio', p99 / bareP99, 'x', MAX_RATIO, { note: 'p99 service save / p99 bare insert of the same rows (death bundle, 8 notifications)' }),
        );
      }
    }
    return out;
  } finally {
    tmp.cleanup();
  }
}
