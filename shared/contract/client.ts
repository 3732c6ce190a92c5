import type { Result } from '../result';
import { api, type ApiInput, type ApiMethod, type ApiOutput } from './api';
import type { Transport } from './define';

export type ApiClient = {
  call<K extends ApiMethod>(method: K, input: ApiInput<K>): Promise<Result<ApiOutput<K>>>;
  setSession(token: string | null): void;
};

/**
 * The renderer's (and CLI's) typed client over any transport. Inputs are checked here too, so a
 * typo in the UI fails fast with the same zh-TW message the services would give.
 */
export function createApiClient(transport: Transport): ApiClient {
  let session: string | null = null;
  return {
    setSession(token) {
      session = token;
    },
    async call(method, input) {
      const parsed = api[method].input.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, error: { code: 'INPUT_INVALID', message: issue?.message ?? '輸入資料格式不正確', path: issue?.path.join('.') } };
      }
      return (await transport(method, parsed.data, session)) as Result<ApiOutput<typeof method>>;
    },
  };
}
