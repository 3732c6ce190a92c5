import { hash } from 'node:crypto';
import { canonicalJson } from '../../../shared/signing/canonical';
import { entryHashInput, type LogEntry } from '../../../shared/signing/schema';

/** sha256 (hex) of a value's RFC 8785 form: a message's hash in receipts and the log. */
export const canonicalSha256 = (value: unknown): string => sha256Hex(canonicalJson(value));

/** sha256 (hex) of text already in canonical form. */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/** The hash a log entry must carry, from its other fields. */
export const entryHashOf = (e: Omit<LogEntry, 'hash'>): string => canonicalSha256(entryHashInput(e));
