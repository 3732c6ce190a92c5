import { useEffect, useState } from 'react';
import type { InboxEvidenceRef as EvidenceRef } from '../../../../shared/contract/inboxThreadApi';
import { call } from '../../api/client';
import { pdfBlobUrl } from '../../lib/pdf';
import { usePolledCall } from '../../lib/usePolledCall';

/** KB with one decimal: scanned consent pages are tens to hundreds of KB. */
const sizeOf = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

/** Consent pages carry the printed form's page numbers; a 補件 scan carries none. */
const whatOf = (f: EvidenceRef): string => (f.formPages.length > 0 ? `同意書第 ${f.formPages.join('、')} 頁` : '補件掃描檔');

/**
 * The signed consent pages that came with the notification (issue 14 §2), and the scanned files of
 * its 補件 answers: listed with pages, size and hash, one opened in a frame as a blob: URL. The
 * workstation checks each file against its hash before showing it; a mismatch shows the zh-TW
 * EVIDENCE_CORRUPT message in place of the viewer and nothing of the file. `version` reloads the
 * list when the item changes (a 補件 answer adds files).
 */
export function InboxEvidence({ id, version }: { id: string; version: string }) {
  // Refreshed like the thread: the files of a 補件 answer show up while the item is open.
  const { value, error } = usePolledCall('inbox.evidenceFiles', { id }, version);
  const files = value?.files ?? null;
  const [viewer, setViewer] = useState<{ sha256: string; fileName: string; url: string } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(
    () => () => {
      if (viewer) URL.revokeObjectURL(viewer.url);
    },
    [viewer],
  );

  const open = async (f: EvidenceRef) => {
    setRefusal(null);
    setViewer(null);
    const r = await call('inbox.evidenceFile', { id, sha256: f.sha256 });
    if (!r.ok) return setRefusal(r.error.message);
    setViewer({ sha256: f.sha256, fileName: r.value.fileName, url: pdfBlobUrl(r.value.pdfBase64) });
  };

  if (error) return <p className="banner banner--error">{error}</p>;
  if (!files) return null;
  return (
    <section className="card" aria-labelledby="inbox-evidence" data-testid="inbox-evidence">
      <h2 id="inbox-evidence" className="card__title">
        民眾同意書與補件掃描檔（{files.length} 份）
      </h2>
      {files.length === 0 ? (
        <p className="empty">這筆通報沒有附帶同意書檔案（檢證、舊案或已記錄例外）。</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">內容</th>
              <th scope="col">頁數</th>
              <th scope="col">大小</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.sha256} data-testid={`evidence-file-${f.sha256.slice(0, 12)}`}>
                <td>
                  <button type="button" className="case-link" onClick={() => void open(f)} aria-pressed={viewer?.sha256 === f.sha256}>
                    {whatOf(f)}
                  </button>
                </td>
                <td>{f.pages}</td>
                <td>{sizeOf(f.size)}</td>
                <td className="mono" title={f.sha256}>
                  {f.sha256.slice(0, 12)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {refusal && (
        <p className="banner banner--error" role="alert" data-testid="evidence-refusal">
          {refusal}
        </p>
      )}
      {viewer && (
        <div className="attachment-viewer">
          <div className="attachment-viewer__head">
            <strong>{viewer.fileName}</strong>
            <a className="button button--small" href={viewer.url} download={viewer.fileName}>
              下載
            </a>
            <button type="button" className="button button--small" onClick={() => setViewer(null)}>
              關閉
            </button>
          </div>
          <iframe className="pdf-frame" title={`同意書 ${viewer.fileName}`} src={viewer.url} data-testid="evidence-viewer" />
        </div>
      )}
    </section>
  );
}
