import { AppFailure } from '../../../shared/result';
import { isRetryableStatus } from '../../../shared/platform/errors';

/**
 * How a platform call went wrong. The sync engine decides from `kind` alone whether to back off
 * and retry (transport trouble, 5xx, a body it cannot trust) or to stop and tell someone (401/403,
 * other 4xx): retries live in one layer, the engine, never here.
 */
export type PlatformErrorKind =
  /** connection refused / reset / closed before a full answer */
  | 'network'
  /** no complete answer within the timeout */
  | 'timeout'
  /** the caller cancelled (engine stopping) */
  | 'cancelled'
  /** HTTP error status with or without a platform error body */
  | 'http'
  /** 401: the credential is missing, wrong, expired or revoked — enrol again */
  | 'auth'
  /** the body is not JSON */
  | 'invalid-json'
  /** valid JSON but not the shape the endpoint table promises */
  | 'wrong-shape'
  /** our own request does not match the endpoint table (a bug here, never sent) */
  | 'request-invalid'
  /** this install's platform settings cannot be used (plain http to a remote host, unreadable CA file): nothing is sent */
  | 'config';

export class PlatformError extends AppFailure {
  constructor(
    readonly kind: PlatformErrorKind,
    code: string,
    message: string,
    readonly status: number | null = null,
    readonly requestId: string | null = null,
    /** Where the platform says the fault is (`notifications[3].officeCode`): lets the engine tell a row's fault from the credential's. */
    path: string | null = null,
  ) {
    super(path === null ? { code, message } : { code, message, path });
    this.name = 'PlatformError';
  }

  /** The batch index of the envelope this error names, or null when it names none (a fault of the whole request). */
  get envelopeIndex(): number | null {
    const m = /^notifications\[(\d+)\]/.exec(this.error.path ?? '');
    return m ? Number(m[1]) : null;
  }

  /** Worth trying again later with backoff: the same request may well succeed. */
  get retryable(): boolean {
    switch (this.kind) {
      case 'network':
      case 'timeout':
      case 'invalid-json':
      case 'wrong-shape':
        return true;
      case 'http':
        return this.status !== null && isRetryableStatus(this.status);
      default:
        return false;
    }
  }
}

export const isPlatformError = (e: unknown): e is PlatformError => e instanceof PlatformError;
