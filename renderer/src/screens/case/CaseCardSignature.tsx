import { useEffect, useState } from 'react';
import type { CaseSignatureView } from '../../../../shared/contract/caseCardSignatureApi';
import { call } from '../../api/client';
import { rocDateTime } from '../../lib/format';

/**
 * 「承辦人卡片簽章：有效 / 資料已變更 / 簽章無效 / 未簽章」 (issue 15 §1): the clerk's card signature of
 * the case as saved, checked now against the card certificate kept with it and the case as stored.
 */
export function CaseCardSignature({ caseNo }: { caseNo: string }) {
  const [check, setCheck] = useState<CaseSignatureView | null>(null);
  useEffect(() => {
    let alive = true;
    void call('cases.cardSignature', { caseNo }).then((r) => {
      if (alive && r.ok) setCheck(r.value);
    });
    return () => {
      alive = false;
    };
  }, [caseNo]);

  if (!check) return null;
  // The certificate subject also carries the card's serial number: the screen names the clerk only.
  const who = check.signer?.match(/(?:^|\n)CN=([^\n]+)/)?.[1] ?? check.signer;
  const broken = check.status === 'record-changed' || check.status === 'signature-invalid';
  return (
    <p className={broken ? 'banner banner--error' : 'case-signature'} data-testid="case-card-signature" data-status={check.status}>
      承辦人卡片簽章：{check.label}
      {who && check.signedAt && (
        <span className="field__help">
          （{who}，{rocDateTime(check.signedAt)}）
        </span>
      )}
    </p>
  );
}
