import { useState } from 'react';
import { call } from '../../api/client';
import { saveFile } from '../../lib/saveFile';
import { toast } from '../../stores/toasts';

/**
 * 下載證據包 (issue 15 §3): the notification's nin1-evidence/1 bundle, the same file as the
 * platform's export-evidence, saved as JSON; anyone can check it offline with
 * `npm run counter -- verify-evidence FILE`.
 */
export function EvidenceButton({ id }: { id: string }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    const r = await call('inbox.evidence', { id });
    setBusy(false);
    if (!r.ok) return toast.error(r.error.message);
    const url = URL.createObjectURL(new Blob([r.value.json], { type: 'application/json' }));
    saveFile(url, r.value.fileName);
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    toast.success(`已下載證據包 ${r.value.fileName}`);
  };
  return (
    <button type="button" className="button" onClick={() => void download()} disabled={busy} data-testid="evidence-download">
      下載證據包
    </button>
  );
}
