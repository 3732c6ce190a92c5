import type { caseCardSignatureApi } from '../../../shared/contract/caseCardSignatureApi';
import { CASE_SIGNATURE_LABEL } from '../../../shared/contract/caseCardSignatureApi';
import { AppFailure } from '../../../shared/result';
import { createCase } from '../cases/createCase';
import { createCaseSignedWithCard, verifyCaseSignature } from '../signing/caseSignature';
import { actorOf, type Handler } from './handler';

type Methods = 'cases.create' | keyof typeof caseCardSignatureApi;

const pinRequired = () =>
  new AppFailure({ code: 'CARD_PIN_REQUIRED', message: '您以憑證卡登入，儲存案件須輸入憑證卡 PIN 碼，由承辦人卡片簽章。', path: 'cardPin' });

/**
 * The case save (issue 15 §1): a clerk signed in with a certificate card saves through
 * createCaseSignedWithCard — the case and its card signature in one transaction, so a wrong PIN or
 * a pulled card saves nothing — and a password session saves as before. The PIN is handed to the
 * card only: it is dropped from the draft here and never reaches the store, the audit or a log line.
 */
export const caseSaveHandlers: { [K in Methods]: Handler<K> } = {
  'cases.create': (call, input) => {
    const { cardPin, ...draft } = input;
    const mod = call.devices.sessionCard(call.sessionToken);
    // A password session has no card to sign with; a PIN it sent anyway is ignored like any other.
    let saved;
    if (mod) {
      if (!cardPin) throw pinRequired();
      saved = createCaseSignedWithCard(call.ctx, actorOf(call), draft, { mod, pin: cardPin });
    } else {
      saved = createCase(call.ctx, actorOf(call), draft);
    }
    call.sync.engine()?.kick('case saved'); // new outbox rows: send now, not at the next tick
    return saved;
  },
  'cases.cardSignature': (call, input) => {
    const check = verifyCaseSignature(call.ctx.db, input.caseNo);
    const label = CASE_SIGNATURE_LABEL[check.status];
    if (check.status === 'unsigned') return { status: check.status, label, signer: null, fingerprint: null, signedAt: null };
    return { status: check.status, label, signer: check.signer, fingerprint: check.fingerprint, signedAt: check.signedAt };
  },
};
