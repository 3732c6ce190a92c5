import type { SupplementPage } from '../../../shared/platform/supplementPages';
import { AppFailure } from '../../../shared/result';
import { uploadEvidence } from '../attachments/evidenceUpload';
import type { WritableDb } from '../db/open';
import type { PlatformClient } from '../platform-client/client';
import { createFileStore, storeRootFor, type FileStore } from '../scanning/store';

/**
 * The scanned files of a 補件 answer go to the platform before the answer that names them (issue
 * 14 §2): by the same content-addressed, resumable upload as consent evidence, so the receiving
 * agency can open them (the platform refuses an answer naming a file it does not hold with
 * EVIDENCE_MISSING, and links the files to the notification when it records the answer). A file
 * the platform already holds costs one status request. Each file is read back against its recorded
 * hash first: a scan changed on disk is the clerk's to see, never sent.
 */
export async function uploadAnswerFiles(db: WritableDb, client: PlatformClient, pages: readonly SupplementPage[], store?: FileStore): Promise<void> {
  if (pages.length === 0) return;
  const files = store ?? createFileStore(storeRootFor(db));
  const keyOf = db.prepare('SELECT storage_key FROM attachments WHERE sha256 = ? AND storage_key IS NOT NULL LIMIT 1').pluck();
  const signal = new AbortController().signal;
  for (const page of pages) {
    const key = keyOf.get(page.sha256) as string | undefined;
    if (!key) throw new AppFailure({ code: 'SUPPLEMENT_ATTACHMENT', message: `掃描檔 ${page.sha256.slice(0, 12)}… 不在本機檔案庫，無法附上`, path: 'attachmentIds' });
    const pdf = await files.readVerified(key, page.sha256);
    await uploadEvidence(client, pdf, page.sha256, signal);
  }
}
