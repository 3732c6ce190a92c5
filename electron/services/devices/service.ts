import type { DeviceRef, DeviceStatus, HidInventoryEntry } from '../../../shared/devices/schema';
import { isoFromDate } from '../../../shared/validators';
import { AppFailure, type AppError } from '../../../shared/result';
import { loginWithCard } from '../auth/cardLogin';
import type { SessionStore } from '../auth/sessions';
import type { ServiceContext } from '../context';
import type { HidApi } from './hid/hidApi';
import { loadNodeHid } from './hid/loadNodeHid';
import { DeviceEventLog, type NewDeviceEvent } from './manager/eventLog';
import { DeviceManager } from './manager/deviceManager';
import { CardError } from './pkcs11/errors';
import { Pkcs11Module } from './pkcs11/module';
import { TokenWatcher } from './pkcs11/tokenWatcher';
import { loadDeviceProfiles } from './profiles/loadProfiles';
import { profilesFromPolicy } from './profiles/policyProfiles';
import type { DeviceProfile } from './profiles/schema';

export type DeviceStartOptions = {
  /** The HID backend: the real node-hid, an injected one (the simulator, only under the host's test flag), or none. */
  hid: 'node-hid' | HidApi | null;
  profiles?: readonly DeviceProfile[];
  hidPollMs?: number;
  tokenPollMs?: number;
};

type Origin = { workstation: string; ip: string | null };
/** A session opened (or unlocked) with a card: which card must stay in for it to stay open. */
type CardSession = { userId: number; tokenSerial: string };

const CERTIFICATE_DEVICE: DeviceRef = { id: 'pkcs11', kind: 'certificate', name: '憑證卡', profileId: null };
const LOCKED: AppError = { code: 'SESSION_LOCKED', message: '憑證卡已移除，畫面已鎖定。請插回憑證卡並輸入 PIN 碼以繼續。' };

/**
 * The device side of the counter, one per engine: HID readers and scanners (manager), the
 * certificate card (PKCS#11 module, presence watcher), card login/unlock, and the event log the
 * renderer polls. Idle until start() (the CLI and unit tests never poll devices); card login works
 * without start() as long as a PKCS#11 module is configured.
 */
export class DeviceServices {
  readonly events: DeviceEventLog;
  private manager: DeviceManager | null = null;
  private watcher: TokenWatcher | null = null;
  private module: Pkcs11Module | null = null;
  private lastError: DeviceStatus['lastError'] = null;
  private readonly cardSessions = new Map<string, CardSession>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly sessions: SessionStore,
    private readonly pkcs11Path: string | null,
  ) {
    this.events = new DeviceEventLog(ctx.clock);
    this.events.subscribe((e) => {
      if (e.type === 'device-error') this.lastError = { code: e.code, message: e.message, at: e.at };
    });
  }

  start(options: DeviceStartOptions): void {
    const emit = (e: NewDeviceEvent) => void this.events.push(e);
    let hid: HidApi | null = null;
    if (options.hid === 'node-hid') {
      const loaded = loadNodeHid();
      if (loaded.ok) hid = loaded.api;
      else emit({ type: 'device-error', device: null, code: loaded.code, message: loaded.message });
    } else {
      hid = options.hid;
    }
    if (hid && !this.manager) {
      this.manager = new DeviceManager({
        hid,
        profiles: options.profiles ?? this.configuredProfiles(),
        logger: this.ctx.logger,
        emit,
        today: () => isoFromDate(this.ctx.clock.now()),
        ...(options.hidPollMs ? { pollMs: options.hidPollMs } : {}),
      });
      this.manager.start();
    }
    if (this.pkcs11Path && !this.watcher) {
      this.watcher = new TokenWatcher(() => this.loadedModule(), (present) => this.onTokensChanged(present), options.tokenPollMs);
      this.watcher.start();
    }
  }

  /** IT's policy entries first (they win ties against the shipped generic profiles), then the shipped file. */
  private configuredProfiles(): DeviceProfile[] {
    const shipped = loadDeviceProfiles();
    return [...profilesFromPolicy(this.ctx.config.deviceProfiles, shipped), ...shipped];
  }

  stop(): void {
    this.manager?.stop();
    this.watcher?.stop();
    this.module?.close();
    this.manager = null;
    this.watcher = null;
    this.module = null;
  }

  status(): DeviceStatus {
    const token = this.watcher?.present()[0];
    return {
      devices: this.manager?.connected() ?? [],
      certificate: { configured: this.pkcs11Path !== null, present: token !== undefined, label: token?.label ?? null },
      lastError: this.lastError,
      unknownCount: this.manager?.unknownCount() ?? 0,
    };
  }

  inventory(): HidInventoryEntry[] {
    return this.manager?.inventory() ?? [];
  }

  /** Card + PIN login; the new session is locked the moment that card leaves its reader. */
  cardLogin(pin: string, origin: Origin): string {
    const { user, identity } = loginWithCard(this.ctx, this.moduleWithToken(), pin, origin);
    const token = this.sessions.open(user);
    this.cardSessions.set(token, { userId: user.id, tokenSerial: identity.token.serial });
    this.watcher?.check();
    return token;
  }

  /** Unlock a session locked by card removal: the same user's enrolled card and PIN. */
  cardUnlock(sessionToken: string | null, pin: string, origin: Origin): void {
    const session = this.sessions.peek(sessionToken);
    if (!session || !sessionToken) throw new AppFailure({ code: 'AUTH_REQUIRED', message: '請先登入' });
    const { user, identity } = loginWithCard(this.ctx, this.moduleWithToken(), pin, origin, 'session.unlock');
    if (user.id !== session.user.id) throw CardError.otherUser();
    this.sessions.unlock(sessionToken);
    this.cardSessions.set(sessionToken, { userId: user.id, tokenSerial: identity.token.serial });
    this.watcher?.check();
  }

  /** Whether the session was opened (or unlocked) with a certificate card: its case saves are signed on that card. */
  isCardSession(sessionToken: string | null): boolean {
    return sessionToken !== null && this.cardSessions.has(sessionToken);
  }

  /** The module to sign on the session's card with (case save, issue 15 §1); null for a password session. */
  sessionCard(sessionToken: string | null): Pkcs11Module | null {
    return this.isCardSession(sessionToken) ? this.moduleWithToken() : null;
  }

  private onTokensChanged(present: { serial: string }[]): void {
    const serials = new Set(present.map((t) => t.serial));
    let lockedAny = false;
    for (const [token, card] of this.cardSessions) {
      if (serials.has(card.tokenSerial)) continue;
      // A card session that no longer exists (logged out, expired) is simply forgotten.
      if (!this.sessions.lock(token, LOCKED)) {
        this.cardSessions.delete(token);
        continue;
      }
      lockedAny = true;
      this.ctx.logger.info({ module: 'devices', user: card.userId }, 'certificate card removed; session locked');
    }
    if (lockedAny) this.events.push({ type: 'card-removed', device: CERTIFICATE_DEVICE });
  }

  private loadedModule(): Pkcs11Module | null {
    try {
      return this.requireModule();
    } catch (e) {
      if (e instanceof AppFailure && this.lastError?.code !== e.error.code) {
        this.events.push({ type: 'device-error', device: CERTIFICATE_DEVICE, code: e.error.code, message: e.error.message });
      }
      return null;
    }
  }

  /**
   * The module, re-initialised once when it sees no card: some middleware (SoftHSM2 among them)
   * enumerate tokens only at C_Initialize, so a card inserted after start would otherwise stay
   * invisible. Only on a login attempt, never in the presence poll: re-initialising a vendor
   * middleware every second is not harmless.
   */
  private moduleWithToken(): Pkcs11Module {
    const mod = this.requireModule();
    if (mod.tokens().length > 0) return mod;
    mod.close();
    this.module = null;
    return this.requireModule();
  }

  private requireModule(): Pkcs11Module {
    if (!this.pkcs11Path) throw CardError.notConfigured();
    this.module ??= Pkcs11Module.load(this.pkcs11Path);
    return this.module;
  }
}
