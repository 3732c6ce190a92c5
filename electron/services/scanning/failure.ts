import { AppFailure } from '../../../shared/result';
import { scanErrorMessage, type ScanErrorCode } from '../../../shared/scanning/errors';

/** A typed scanning error with the clerk's zh-TW sentence; thrown inside services, a value at the boundary. */
export const scanFailure = (code: ScanErrorCode, detail?: string): AppFailure => new AppFailure({ code, message: scanErrorMessage(code, detail) });

export const isScanFailure = (e: unknown, code?: ScanErrorCode): e is AppFailure =>
  e instanceof AppFailure && (code === undefined || e.error.code === code);

/** Node's "no space" errors, whatever wrote the file. */
export const isDiskFull = (e: unknown): boolean => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
};
