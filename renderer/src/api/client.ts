import { createApiClient } from '../../../shared/contract/client';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/contract/api';
import type { AppError, Result } from '../../../shared/result';
import { pickTransport } from './transport';

const picked = pickTransport();
const client = createApiClient(picked.transport);

export const transportKind = picked.kind;

/** Codes after which the clerk must sign in again. */
const SESSION_ENDED = new Set(['AUTH_REQUIRED', 'AUTH_EXPIRED']);

type SessionEndedListener = (error: AppError) => void;
let onSessionEnded: SessionEndedListener = () => {};

/** The session store registers here so any call that finds the session gone returns to login. */
export function setSessionEndedListener(listener: SessionEndedListener): void {
  onSessionEnded = listener;
}

let onSessionLocked: SessionEndedListener = () => {};

/** …and here for SESSION_LOCKED (the clerk's certificate card was pulled): the lock screen, work kept. */
export function setSessionLockedListener(listener: SessionEndedListener): void {
  onSessionLocked = listener;
}

export function setSessionToken(token: string | null): void {
  client.setSession(token);
}

/** Every contract call in the renderer goes through here: typed by the shared contract. */
export async function call<K extends ApiMethod>(method: K, input: ApiInput<K>): Promise<Result<ApiOutput<K>>> {
  let result: Result<ApiOutput<K>>;
  try {
    result = await client.call(method, input);
  } catch {
    result = { ok: false, error: { code: 'CLIENT', message: '畫面程式發生未預期的錯誤，請重試或聯絡資訊人員。' } };
  }
  if (!result.ok && SESSION_ENDED.has(result.error.code)) onSessionEnded(result.error);
  if (!result.ok && result.error.code === 'SESSION_LOCKED') onSessionLocked(result.error);
  return result;
}
