// Test certificates made in-process (npm selfsigned): a private CA, and leaf certificates for 127.0.0.1 signed by
// it that expire when a test wants. The CA is trusted through the prober's `ca` option (or NODE_EXTRA_CA_CERTS).
import { generate } from 'selfsigned';

export interface TestCa {
  cert: string;
  key: string;
}

export async function makeTestCa(): Promise<TestCa> {
  const pems = await generate([{ name: 'commonName', value: 'Lookout test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 86400_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** A server certificate for 127.0.0.1 (and localhost), signed by `ca`, expiring `days` from now. */
export async function makeLeafCert(ca: TestCa, days: number): Promise<{ cert: string; key: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + days * 86400_000 + 3600_000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 3600_000),
    notAfterDate: expiresAt,
    ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private, expiresAt };
}
