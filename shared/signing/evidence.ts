import { z } from '../zod';
import { KeyId, LogEntry, LogHead, PublicKeyB64, Receipt } from './schema';

/**
 * An evidence bundle (issue 15 §3, format `nin1-evidence/1`, documented in the README): everything
 * needed to check offline who signed a message, that the platform received it when it says, and
 * that its log entry is in the chain under a signed head. No database, no network.
 */
export const EvidenceBundle = z.strictObject({
  format: z.literal('nin1-evidence/1'),
  /** The envelope exactly as the platform received it, its `signature` included. */
  message: z.record(z.string(), z.unknown()),
  /** The sender's key as registered with its credential. */
  senderKey: z.strictObject({ keyId: KeyId, subject: z.string(), publicKey: PublicKeyB64, registeredAt: z.iso.datetime(), revokedAt: z.iso.datetime().nullable() }),
  receipt: Receipt,
  entry: LogEntry,
  /** The entries after `entry` up to the head, in order (empty when `entry` is the head). */
  chain: z.array(LogEntry),
  head: LogHead,
});
export type EvidenceBundle = z.infer<typeof EvidenceBundle>;
