import { signedPart } from '../../../shared/signing/canonical';
import { AppFailure } from '../../../shared/result';
import type { PlatformClient } from '../platform-client/client';
import { isPlatformError } from '../platform-client/errors';
import { keyIdOf, verifyCanonical } from './ed25519';

/**
 * The platform key to pin at enrolment (issue 15 §2): the one its signed log head is published
 * with, over the same (TLS-checked) connection the enrolment uses — enrolment is the moment of
 * trust, as for the token. The head must be signed by that very key, or it is not the platform's
 * key at all. A platform without /v1/log/head (404, before issue 15) pins nothing.
 */
export async function platformKeyToPin(client: PlatformClient): Promise<string | null> {
  let head;
  try {
    head = await client.call('logHead', {});
  } catch (e) {
    if (isPlatformError(e) && e.kind === 'http' && e.status === 404) return null;
    throw e;
  }
  if (head.signature.keyId !== keyIdOf(head.publicKey) || !verifyCanonical(signedPart(head), head.signature.value, head.publicKey)) {
    throw new AppFailure({ code: 'PLATFORM_KEY_INVALID', message: '平台公布的公鑰與其訊息紀錄頭的簽章不符，無法鎖定平台公鑰；未註冊，註冊碼未使用' });
  }
  return head.publicKey;
}
