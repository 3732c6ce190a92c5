import { PLATFORM_ERRORS, type PlatformErrorCode } from '../../shared/platform/errors';
import type { ErrorBody } from '../../shared/platform/wire';

/** Thrown by handlers and hooks; the error handler turns it into the status and ErrorBody of its code. */
export class PlatformFailure extends Error {
  constructor(
    readonly code: PlatformErrorCode,
    readonly detail?: string,
    readonly path?: string,
  ) {
    super(detail ?? PLATFORM_ERRORS[code].message);
    this.name = 'PlatformFailure';
  }
  get status(): number {
    return PLATFORM_ERRORS[this.code].status;
  }
  body(): ErrorBody {
    const message = this.detail ?? PLATFORM_ERRORS[this.code].message;
    return { error: this.path === undefined ? { code: this.code, message } : { code: this.code, message, path: this.path } };
  }
}
