import { useEffect, useState } from 'react';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/contract/api';
import { call } from '../api/client';

/** The agency inbox's background refresh: a passive list call every 3 s while its panel is open. */
export const POLL_MS = 3000;

/**
 * Calls `method` now and every `everyMs` while the component is mounted, for panels that must show
 * what others add meanwhile (a 補件 answer and its scans while the agency clerk has the item open).
 * Polling, not a push: these calls are cheap, passive (no audit row) and the renderer has no channel
 * from the platform. Starts over when `input` (by value) or `refreshKey` changes; a late answer of a
 * previous start is dropped. The last error replaces the value's display until a call succeeds.
 */
export function usePolledCall<K extends ApiMethod>(method: K, input: ApiInput<K>, refreshKey: string, everyMs = POLL_MS): { value: ApiOutput<K> | null; error: string | null } {
  const [value, setValue] = useState<ApiOutput<K> | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Callers pass a fresh object each render: the effect follows its content (inputs are small JSON).
  const inputKey = JSON.stringify(input);

  useEffect(() => {
    let alive = true;
    const load = () =>
      void call(method, JSON.parse(inputKey) as ApiInput<K>).then((r) => {
        if (!alive) return;
        if (r.ok) {
          setValue(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    load();
    const t = window.setInterval(load, everyMs);
    return () => {
      alive = false;
      window.clearInterval(t);
    };
  }, [method, inputKey, refreshKey, everyMs]);

  return { value, error };
}
