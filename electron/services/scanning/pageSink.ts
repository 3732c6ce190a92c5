import type { ScanPageView } from '../../../shared/contract/scanningApi';
import type { AppError } from '../../../shared/result';
import type { ServiceContext } from '../context';
import type { ScannedPage, ScanSink } from './backend';
import { assemblePending, type AssembledAttachment } from './assemble';
import { limiter } from './limit';
import { pageById, pageByKey, toPageView, type PageWithCase } from './pages';
import { analyzePage, chooseRotation, finishPage, type CleanedPage, type CleanOptions } from './pipeline/cleanPage';
import { routePage, type PrevPage, type ScanTarget } from './route';
import type { FileStore } from './store';

export type SinkEvents = {
  page?(view: ScanPageView): void;
  problem?(source: string, error: AppError): void;
  attached?(attachments: AssembledAttachment[]): void;
};

export type SinkDeps = {
  ctx: ServiceContext;
  store: FileStore;
  batchId: number;
  target: ScanTarget | null;
  clean: CleanOptions;
  /** Username recorded on attachments and audit entries. */
  actor: string;
  /** Pages decoded/compressed at once (default 2: about what a counter PC has cores for). */
  concurrency?: number;
  events?: SinkEvents;
};

export type PageSink = ScanSink & {
  /** Waits until every page handed in so far is stored (or has failed). */
  drain(): Promise<void>;
  readonly done: number;
  readonly expected: number | null;
  readonly pageIds: readonly number[];
  /** QR decode time of each analysed page (benchmark). */
  readonly qrMs: readonly number[];
};

/**
 * Turns delivered pages into stored, routed scan_pages rows — in delivery order, each in its own
 * transaction keyed by its idempotency key. Decoding and compressing run in parallel (bounded);
 * the few steps that depend on the page before (stack orientation, continuation routing) run in
 * order. A page already stored under its key (a restart after kill -9) is adopted, not redone.
 */
export function createPageSink(deps: SinkDeps): PageSink {
  const { ctx, store, batchId, target, clean } = deps;
  const { db } = ctx;
  const limit = limiter(deps.concurrency ?? 2);
  const findCase = (caseNo: string) => (db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(caseNo) as number | undefined) ?? null;
  let seq = 0;
  let done = 0;
  let expected: number | null = null;
  let prev: PrevPage | null = null;
  let lastRotation = 0;
  let rotations: Promise<unknown> = Promise.resolve();
  let commits: Promise<unknown> = Promise.resolve();
  const pageIds: number[] = [];
  const qrMs: number[] = [];

  /** The page is now part of the stack's history: later pages route relative to it. */
  const adopt = (row: PageWithCase): void => {
    if (row.case_id !== null && row.group_key !== null && row.state !== 'dismissed') {
      prev = { caseId: row.case_id, groupKey: row.group_key, attached: row.state === 'attached', rotation: row.rotation };
    } else if (row.blank !== 1) {
      prev = null; // a foreign or unreadable sheet ends the document before it; a blank back does not
    }
    done++;
    pageIds.push(row.id);
    deps.events?.page?.(toPageView(row));
  };

  const insert = (key: string, n: number, name: string, cleaned: CleanedPage, imageKey: string, imageSha: string): PageWithCase =>
    db.transaction(() => {
      const again = pageByKey(db, key);
      if (again) return again;
      const d = routePage({ key, qr: cleaned.qr?.text ?? null, blank: cleaned.blank }, prev, target, findCase);
      const routed = d.route !== 'unmatched';
      const id = db
        .prepare(
          `INSERT INTO scan_pages (page_key, batch_id, seq, source_name, image_key, image_sha256, encoding, width, height, dpi, rotation, thumb,
             qr_case_no, qr_page, qr_pages, blank, route, case_id, form_page, group_key, unmatched_code, unmatched_reason, state, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          key, batchId, n, name, imageKey, imageSha, cleaned.encoding, cleaned.width, cleaned.height, cleaned.dpi, cleaned.rotation, cleaned.thumb,
          d.qrCaseNo, d.qrPage, d.qrPages, cleaned.blank ? 1 : 0, d.route, routed ? d.caseId : null, routed ? d.formPage : null,
          routed ? d.groupKey : null, routed ? null : d.code, null, routed ? 'routed' : 'unmatched', ctx.clock.now().toISOString(),
        ).lastInsertRowid;
      return pageById(db, Number(id))!;
    }).immediate();

  const sink: PageSink = {
    get done() {
      return done;
    },
    get expected() {
      return expected;
    },
    pageIds,
    qrMs,
    page(page: ScannedPage): Promise<void> {
      const n = ++seq;
      const key = page.key ?? `scan:${batchId}:${n}`;
      const existing = pageByKey(db, key);
      if (existing) {
        rotations = rotations.then(() => {
          if (existing.blank !== 1) lastRotation = existing.rotation;
        });
        const adopted = commits.then(() => adopt(pageByKey(db, key) ?? existing));
        commits = adopted.catch(() => undefined);
        return adopted;
      }
      const analysis = limit(() => analyzePage(page, clean));
      const turned = rotations.then(async () => {
        const a = await analysis;
        qrMs.push(a.qrMs);
        const rotation = chooseRotation(a, lastRotation);
        if (!a.blank) lastRotation = rotation;
        return { a, rotation };
      });
      rotations = turned.catch(() => undefined);
      // Encoding and storing the image run in parallel too (the store is content-addressed, so a
      // file written for a page that never gets its row is harmless); only the row is in order.
      const finished = turned.then(({ a, rotation }) =>
        limit(async () => {
          const cleaned = await finishPage(a, rotation, clean);
          return { cleaned, stored: await store.put('pages', cleaned.image, cleaned.encoding === 'png' ? 'png' : 'jpg') };
        }),
      );
      finished.catch(() => undefined); // observed below, in order
      const committed = commits.then(async () => {
        const { cleaned, stored } = await finished;
        adopt(insert(key, n, page.name, cleaned, stored.key, stored.sha256));
      });
      commits = committed.catch(() => undefined);
      return committed;
    },
    progress(e) {
      expected = e;
    },
    problem(source, error) {
      deps.events?.problem?.(source, error);
    },
    async drain() {
      await commits;
    },
    async settle() {
      await commits;
      const made = await assemblePending(ctx, store, deps.actor);
      if (prev && made.some((a) => a.groupKey === prev!.groupKey)) prev = { ...prev, attached: true };
      if (made.length) deps.events?.attached?.(made);
    },
  };
  return sink;
}
