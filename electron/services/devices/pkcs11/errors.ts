import { AppFailure } from '../../../../shared/result';

/**
 * Every way a card login can fail, each with its own zh-TW sentence for the clerk and a stable code
 * for tests and logs. PINs and certificate subjects never appear in them.
 */
export const CardError = {
  notConfigured: () => fail('PKCS11_NOT_CONFIGURED', '本工作站未設定憑證卡模組（PKCS#11），請改用帳號密碼登入或洽資訊人員。'),
  moduleFailed: (detail: string) => fail('PKCS11_MODULE', `無法載入憑證卡模組（${detail}），請洽資訊人員確認憑證卡驅動程式已安裝。`),
  noToken: () => fail('CARD_NO_TOKEN', '未偵測到憑證卡，請將憑證卡插入讀卡機後再試一次。'),
  wrongPin: (triesLeft: 'unknown' | 'low' | 'final') =>
    fail(
      'CARD_PIN_INCORRECT',
      triesLeft === 'final'
        ? 'PIN 碼錯誤。僅剩最後一次機會，再輸入錯誤憑證卡將被鎖住。'
        : triesLeft === 'low'
          ? 'PIN 碼錯誤，剩餘可嘗試次數不多，請確認後再輸入。'
          : 'PIN 碼錯誤，請重新輸入。',
    ),
  pinLocked: () => fail('CARD_PIN_LOCKED', '憑證卡 PIN 碼已鎖住（錯誤次數過多），請持卡至發卡單位解鎖後再使用。'),
  pinFormat: () => fail('CARD_PIN_FORMAT', 'PIN 碼長度或格式不符合此憑證卡的要求。'),
  noCertificate: () => fail('CARD_NO_CERTIFICATE', '憑證卡中找不到可用於登入的憑證與私鑰，請洽發卡單位或資訊人員。'),
  certificateUnreadable: () => fail('CARD_CERT_UNREADABLE', '憑證卡中的憑證無法解析，請洽資訊人員。'),
  certificateExpired: (notAfter: string) => fail('CARD_CERT_EXPIRED', `憑證卡的憑證已於 ${notAfter} 到期，請辦理憑證展期或換發後再登入。`),
  certificateNotYetValid: (notBefore: string) => fail('CARD_CERT_NOT_YET_VALID', `憑證卡的憑證自 ${notBefore} 起才生效，請確認電腦時間或稍後再試。`),
  notEnrolled: () => fail('CARD_NOT_ENROLLED', '此憑證卡尚未註冊為本系統的使用者，請洽系統管理員辦理憑證註冊。'),
  proofFailed: () => fail('CARD_PROOF_FAILED', '憑證卡簽章驗證失敗（私鑰與憑證不符），無法確認持卡人身分，請洽資訊人員。'),
  removed: () => fail('CARD_REMOVED', '憑證卡在操作中被移除，請重新插入憑證卡後再試一次。'),
  otherUser: () => fail('CARD_OTHER_USER', '這張憑證卡不屬於目前鎖定畫面的使用者，請插入原使用者的憑證卡，或登出後重新登入。'),
  token: (code: string) => fail('PKCS11_ERROR', `憑證卡操作失敗（${code}），請重新插卡後再試；若持續發生請洽資訊人員。`),
};

function fail(code: string, message: string): AppFailure {
  return new AppFailure({ code, message });
}

/** The CKR_* name of a pkcs11js error (`CKR_PIN_INCORRECT`), or undefined for anything else. */
export const ckrName = (e: unknown): string | undefined => {
  const message = e instanceof Error ? e.message : '';
  return /^CKR_[A-Z_]+/.exec(message)?.[0];
};
