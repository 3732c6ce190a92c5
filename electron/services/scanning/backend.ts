import type { ColorMode, ScanSource } from '../../../shared/scanning/profiles';
import type { AppError } from '../../../shared/result';

/** Every way pages reach the counter; a device id is `<backend>:<the back-end's own id>`. */
export type BackendId = 'sane' | 'escl' | 'wia' | 'folder';

export type Capabilities = {
  sources: ScanSource[];
  /** Offered resolutions (dpi), ascending. */
  resolutions: number[];
  colorModes: ColorMode[];
  /** Both sides of each sheet in one pass (ADF only). */
  duplex: boolean;
};

export type DeviceInfo = {
  id: string;
  backend: BackendId;
  /** What the clerk sees, e.g. "Canon DR-C225 (USB)" or "收件資料夾 D:\\scans". */
  label: string;
  capabilities: Capabilities;
};

export type ScanRequest = {
  source: ScanSource;
  resolution: number;
  colorMode: ColorMode;
  duplex: boolean;
  /** Sheets the clerk says are in the feeder, for the progress bar; null when unknown. */
  expectedPages: number | null;
  /**
   * A private folder the back-end may write raw pages to. It is kept until the batch is done, so
   * pages a scanner delivered before a crash are found and ingested on restart.
   */
  workDir: string;
  /** The scan_batches row this scan fills (recorded with imported files; in logs). */
  batchId: number;
};

/** One page as a back-end delivers it: an encoded image (or a page of a PDF/TIFF file). */
export type ScannedPage = {
  /**
   * Idempotency key when the source has a stable one (files: `file:<sha256>:<n>`); scanner pages
   * get `scan:<batch>:<n>` from the session.
   */
  key?: string;
  /** For the clerk and the logs: a file name and page, or "第 3 頁". No personal data. */
  name: string;
  bytes: Buffer;
  /** Page within a multi-page TIFF (0-based); PDFs are split into images before this point. */
  tiffPage?: number;
  /** Density the device reported, when it did. */
  dpi?: number;
};

/**
 * Where a back-end puts what it scans. `page` resolves once the page is safely stored (so a
 * source may mark its input done); pages are routed in the order `page` is called.
 */
export type ScanSink = {
  page(page: ScannedPage): Promise<void>;
  /** Pages done / expected (null while unknown). */
  progress(expected: number | null): void;
  /** A file that cannot become pages (bad format, too large): reported, left in place, scan goes on. */
  problem(source: string, error: AppError): void;
  /** Called when a natural group of pages has ended (a hot-folder drop): attach what is complete. */
  settle(): Promise<void>;
};

export type ScanOutcome = { pages: number };

/**
 * One interface for every scanner (NAPS2's driver abstraction): list, ask what a device can do,
 * scan a stack into a sink. `scan` resolves when the stack is done and rejects with an AppFailure
 * carrying a scanning error code (paper jam, busy, …); pages delivered before a failure are kept.
 * Aborting `signal` cancels: the back-end stops the device and resolves.
 */
export interface ScannerBackend {
  readonly id: BackendId;
  /** Devices now reachable; an empty list (not an error) when there are none. */
  listDevices(): Promise<DeviceInfo[]>;
  scan(deviceId: string, request: ScanRequest, sink: ScanSink, signal: AbortSignal): Promise<ScanOutcome>;
}

/** `sane:test:0` → `test:0`. */
export const nativeId = (deviceId: string, backend: BackendId): string =>
  deviceId.startsWith(`${backend}:`) ? deviceId.slice(backend.length + 1) : deviceId;
