import { CardError } from './errors';
import { pkcs11js, type Pkcs11Module } from './module';

/**
 * The X.509 certificates on the card in the first slot, read without a PIN (certificates are public
 * objects). For enrolment: IT enrols every certificate on a clerk's card, because a 自然人憑證
 * carries a signing and an encryption certificate and which one signs is known only after login.
 */
export function publicCertificates(mod: Pkcs11Module): Buffer[] {
  const P = pkcs11js();
  const [token] = mod.tokens();
  if (!token) throw CardError.noToken();
  const session = mod.api.C_OpenSession(token.slot, P.CKF_SERIAL_SESSION);
  try {
    mod.api.C_FindObjectsInit(session, [{ type: P.CKA_CLASS, value: P.CKO_CERTIFICATE }]);
    const handles: Buffer[] = [];
    try {
      for (let h = mod.api.C_FindObjects(session); h; h = mod.api.C_FindObjects(session)) handles.push(h);
    } finally {
      mod.api.C_FindObjectsFinal(session);
    }
    return handles.flatMap((h) => mod.api.C_GetAttributeValue(session, h, [{ type: P.CKA_VALUE }])[0]?.value ?? []);
  } finally {
    mod.api.C_CloseSession(session);
  }
}
