import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScannedPage } from './backend';
import { splitFile } from './pipeline/splitFile';
import { sha256Hex } from './store';

/**
 * Scanner pages land in the batch's work folder as `p0001.png`, `p0002.jpg`… before anything else
 * happens to them. Their idempotency key comes from the batch and that number, so the page a
 * back-end hands over and the same file re-read after a crash are recognised as one page.
 */
export const spoolKey = (batchId: number, n: number, part?: number): string => `scan:${batchId}:${n}${part ? `:${part}` : ''}`;
export const spoolName = (n: number, ext: string): string => `p${String(n).padStart(4, '0')}.${ext}`;

const SPOOL_FILE = /^p(\d{4,})\.(png|jpg|pdf|tif)$/;

/** Pages left in a work folder (crash recovery), in scan order, with their original keys. */
export async function spoolPages(workDir: string, batchId: number): Promise<ScannedPage[]> {
  const names = await readdir(workDir).catch(() => [] as string[]);
  const files = names
    .map((f) => ({ f, m: SPOOL_FILE.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]));
  const pages: ScannedPage[] = [];
  for (const { f, m } of files) {
    const n = Number(m[1]);
    const bytes = await readFile(join(workDir, f));
    if (!bytes.length) continue;
    if (m[2] === 'pdf') {
      const parts = await splitFile(`第 ${n} 份`, bytes, sha256Hex(bytes)).catch(() => []);
      parts.forEach((p, i) => pages.push({ ...p, key: spoolKey(batchId, n, i + 1) }));
    } else {
      pages.push({ key: spoolKey(batchId, n), name: `第 ${n} 頁`, bytes });
    }
  }
  return pages;
}
