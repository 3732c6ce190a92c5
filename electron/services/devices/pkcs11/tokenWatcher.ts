import type { Pkcs11Module, TokenSlot } from './module';

/**
 * Certificate-card presence by polling the PKCS#11 module's slot list. C_WaitForSlotEvent would be
 * the push alternative, but vendor middleware implements it unevenly (SoftHSM2 not at all, others
 * only blocking, which pkcs11js would run on the main thread), while C_GetSlotList + C_GetTokenInfo
 * is cheap and universal. At once a second, a pulled card locks the counter within a second.
 */
export const DEFAULT_TOKEN_POLL_MS = 1000;

export class TokenWatcher {
  private timer: NodeJS.Timeout | null = null;
  private current: Pick<TokenSlot, 'label' | 'serial'>[] = [];

  constructor(
    private readonly module: () => Pkcs11Module | null,
    private readonly onChange: (present: Pick<TokenSlot, 'label' | 'serial'>[]) => void,
    private readonly pollMs = DEFAULT_TOKEN_POLL_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.check();
    this.timer = setInterval(() => this.check(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Tokens present at the last check. */
  present(): Pick<TokenSlot, 'label' | 'serial'>[] {
    return this.current;
  }

  /** One pass (also called right after a login, so the session is watched from the first moment). */
  check(): void {
    const mod = this.module();
    const next = mod ? mod.tokens().map(({ label, serial }) => ({ label, serial })) : [];
    const changed = next.length !== this.current.length || next.some((t, i) => t.serial !== this.current[i]?.serial);
    this.current = next;
    if (changed) this.onChange(next);
  }
}
