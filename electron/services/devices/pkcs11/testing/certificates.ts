import { webcrypto } from 'node:crypto';
import './reflectMetadata';
import * as x509 from '@peculiar/x509';

/**
 * Test certificates for card-login tests and benchmarks: a key pair and a self-signed X.509
 * certificate with any validity window (expired, not yet valid), made with @peculiar/x509 on Node's
 * WebCrypto. The subject mimics a 自然人憑證 (CN = name, serialNumber = the card holder's serial).
 */
export type TestIdentity = { certDer: Buffer; keyPkcs8Der: Buffer; algorithm: 'RSA' | 'EC' };

const ALGORITHMS = {
  RSA: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  EC: { name: 'ECDSA', namedCurve: 'P-256' },
} as const;

export async function makeTestIdentity(options: {
  commonName: string;
  subjectSerial: string;
  notBefore: Date;
  notAfter: Date;
  algorithm?: 'RSA' | 'EC';
}): Promise<TestIdentity> {
  const algorithm = options.algorithm ?? 'RSA';
  const keys = (await webcrypto.subtle.generateKey(ALGORITHMS[algorithm], true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1'),
      // 2.5.4.5 = serialNumber, which a 自然人憑證 subject carries next to the holder's name.
      name: `CN=${options.commonName}, 2.5.4.5=${options.subjectSerial}, O=N合一測試憑證, C=TW`,
      notBefore: options.notBefore,
      notAfter: options.notAfter,
      keys,
      signingAlgorithm: algorithm === 'RSA' ? ALGORITHMS.RSA : { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
    },
    webcrypto as unknown as Crypto,
  );
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certDer: Buffer.from(cert.rawData), keyPkcs8Der: Buffer.from(pkcs8), algorithm };
}
