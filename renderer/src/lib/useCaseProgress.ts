import { useEffect, useState } from 'react';
import type { CaseProgress } from '../../../shared/contract/syncApi';
import { call } from '../api/client';
import { useSync } from '../stores/sync';

/**
 * Live statuses for an open case: refetched (cases.progress, no person data, not a new record
 * view) whenever the sync status's change counter moves — receipts, completions and 檢證 answers
 * appear without a reload, and nothing is fetched while nothing changes.
 */
export function useCaseProgress(caseNo: string): { progress: CaseProgress | null; reload(): void } {
  const changeSeq = useSync((s) => s.status?.changeSeq ?? 0);
  const [progress, setProgress] = useState<CaseProgress | null>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let alive = true;
    void call('cases.progress', { caseNo }).then((r) => {
      if (alive && r.ok) setProgress(r.value);
    });
    return () => {
      alive = false;
    };
  }, [caseNo, changeSeq, nonce]);

  return { progress, reload: () => setNonce((n) => n + 1) };
}
