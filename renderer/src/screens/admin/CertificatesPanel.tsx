import { useEffect, useState, type ChangeEvent } from 'react';
import type { AccountView, CertificateView } from '../../../../shared/accounts/schema';
import { call } from '../../api/client';
import { useAccounts } from '../../stores/accounts';
import { toast } from '../../stores/toasts';

const day = (iso: string) => iso.slice(0, 10);

/** PEM as text; a DER file (.cer/.crt are often binary) as base64. The services parse and check either. */
async function readCertificateFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('latin1').decode(bytes);
  if (text.includes('-----BEGIN CERTIFICATE-----')) return text;
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * 憑證註冊: links a clerk to a card's certificate (same rules as the `enroll-card` CLI). The
 * certificate file is the card's public certificate, exported by IT (.pem/.cer/.crt).
 */
export function CertificatesPanel({ account }: { account: AccountView }) {
  const [certs, setCerts] = useState<CertificateView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useAccounts((s) => s.load);

  useEffect(() => {
    void call('accounts.certificates', { userId: account.id }).then((r) => (r.ok ? setCerts(r.value) : setError(r.error.message)));
  }, [account.id]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    const r = await call('accounts.enrolCertificate', { userId: account.id, certificate: await readCertificateFile(file) });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setCerts(r.value);
    toast.success(`已為 ${account.username} 註冊憑證`);
    void load(true);
  };

  const revoke = async (c: CertificateView) => {
    const r = await call('accounts.revokeCertificate', { certificateId: c.id });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setCerts(r.value);
    toast.success('已撤銷憑證');
    void load(true);
  };

  return (
    <div className="card">
      <h2 className="admin__h2">登入憑證（{account.username}）</h2>
      <label className="button admin__file">
        選擇憑證檔（.pem / .cer / .crt）
        <input type="file" className="sr-only" accept=".pem,.cer,.crt,.der" aria-label="憑證檔" onChange={(e) => void onFile(e)} />
      </label>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {certs.length === 0 ? (
        <p>尚未註冊任何憑證。</p>
      ) : (
        <table className="table table--compact" aria-label="已註冊憑證">
          <thead>
            <tr>
              <th scope="col">主體</th>
              <th scope="col">序號</th>
              <th scope="col">有效期間</th>
              <th scope="col">註冊</th>
              <th scope="col">狀態</th>
              <th scope="col">
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {certs.map((c) => (
              <tr key={c.id}>
                <td className="admin__subject">{c.subject.replace(/\n/g, '，')}</td>
                <td>{c.serialNumber}</td>
                <td>
                  {day(c.notBefore)} – {day(c.notAfter)}
                </td>
                <td>
                  {day(c.enrolledAt)} {c.enrolledBy}
                </td>
                <td>{c.revokedAt ? `已撤銷（${day(c.revokedAt)}）` : '有效'}</td>
                <td>
                  {!c.revokedAt && (
                    <button type="button" className="button button--small" onClick={() => void revoke(c)}>
                      撤銷
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
