import { readFileSync } from 'node:fs';
import { AppFailure } from '../../../shared/result';
import { enrollCertificate } from '../../services/auth/certificates';
import { Pkcs11Module } from '../../services/devices/pkcs11/module';
import { publicCertificates } from '../../services/devices/pkcs11/publicCertificates';
import { appendAudit } from '../../services/audit/audit';
import { need, UsageError, withApp, type Command } from '../command';

/** PEM (one or more certificates) or DER. */
const certificatesInFile = (file: string): Buffer[] => {
  const raw = readFileSync(file);
  const pem = raw.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  return pem ? pem.map((p) => Buffer.from(p.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')) : [raw];
};

export const enrollCardCommand: Command = {
  name: 'enroll-card',
  usage: 'enroll-card --db 檔案 --user 帳號 (--cert 憑證檔 | --module PKCS#11模組)   註冊使用者的登入憑證卡（讀卡片上的全部憑證，不需 PIN）',
  options: { db: { type: 'string' }, user: { type: 'string' }, cert: { type: 'string' }, module: { type: 'string' } },
  run: (values) => {
    const username = need(values, 'user');
    const file = typeof values.cert === 'string' ? values.cert : null;
    const modulePath = typeof values.module === 'string' ? values.module : null;
    if (!file === !modulePath) throw new UsageError('請擇一指定 --cert 或 --module');
    return withApp(values, (app) => {
      const { db, clock } = app.ctx;
      const userId = db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number | undefined;
      if (userId === undefined) throw new AppFailure({ code: 'USER_UNKNOWN', message: `找不到帳號「${username}」` });
      let ders: Buffer[];
      if (file) {
        ders = certificatesInFile(file);
      } else {
        const mod = Pkcs11Module.load(modulePath!);
        try {
          ders = publicCertificates(mod);
        } finally {
          mod.close();
        }
      }
      if (ders.length === 0) throw new AppFailure({ code: 'CARD_NO_CERTIFICATE', message: '找不到任何憑證' });
      const at = clock.now().toISOString();
      db.transaction(() => {
        for (const der of ders) {
          const { fingerprint, notAfter } = enrollCertificate(db, { userId, certDer: der, enrolledBy: 'cli', at });
          appendAudit(db, { at, actorId: null, actor: 'cli', action: 'account.enroll-card', detail: { username, certificate: fingerprint.slice(0, 16) } });
          console.log(`已註冊 ${username} 的憑證 ${fingerprint.slice(0, 16)}…（有效至 ${notAfter.slice(0, 10)}）`);
        }
      })();
      return 0;
    });
  },
};
