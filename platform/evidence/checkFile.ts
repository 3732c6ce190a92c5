import { createHash } from 'node:crypto';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const HEADER = Buffer.from('%PDF-');
const EOF_MARK = Buffer.from('%%EOF');

/** The first chunk of a PDF starts with its header (`%PDF-1.7`): anything else is refused before a byte is kept. */
export const startsLikePdf = (bytes: Uint8Array): boolean => Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEADER.length)).equals(HEADER);

/**
 * A whole file is taken as a PDF when it has the header and an end-of-file marker in its last
 * kilobyte (where every writer, pdf-lib included, puts it; trailing garbage past 1 KB is refused).
 * The platform never renders or parses the file: the agency's viewer does, so the cheap structural
 * check is enough to refuse other formats without running a PDF parser on untrusted input here.
 */
export function looksLikePdf(bytes: Uint8Array): boolean {
  if (!startsLikePdf(bytes)) return false;
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, bytes.byteLength - 1024), Math.min(bytes.byteLength, 1024));
  return tail.includes(EOF_MARK);
}
