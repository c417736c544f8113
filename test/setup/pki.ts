// vitest globalSetup: a throwaway PKI for the TLS tests. The CA goes into NODE_EXTRA_CA_CERTS
// before any test process starts, so Node trusts it exactly as it trusts the system roots, and
// "valid", "expired" and "wrong host" are judged by the real verification path.
import { webcrypto } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'

export const PKI_DIR = resolve('.tmp/test-pki')
const DAY = 86_400_000
const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

async function pemKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key))
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`
}

export default async function setup(): Promise<void> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto)
  mkdirSync(PKI_DIR, { recursive: true })
  const now = Date.now()
  const caKeys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=GoNoGo Test Root CA, O=GoNoGo tests',
    notBefore: new Date(now - 2 * DAY),
    notAfter: new Date(now + 365 * DAY),
    keys: caKeys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  })
  writeFileSync(join(PKI_DIR, 'ca.pem'), ca.toString('pem') + '\n')
  const leaf = async (name: string, serial: string, dns: string[], from: number, to: number) => {
    const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial,
      subject: `CN=${dns[0] ?? name}`,
      issuer: ca.subject,
      notBefore: new Date(from),
      notAfter: new Date(to),
      signingKey: caKeys.privateKey,
      publicKey: keys.publicKey,
      signingAlgorithm: alg,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([
          ...dns.map((value) => ({ type: 'dns' as const, value })),
          ...(dns.includes('localhost') ? [{ type: 'ip' as const, value: '127.0.0.1' }] : []),
        ]),
      ],
    })
    writeFileSync(join(PKI_DIR, `${name}.pem`), cert.toString('pem') + '\n')
    writeFileSync(join(PKI_DIR, `${name}.key`), await pemKey(keys.privateKey))
  }
  await leaf('valid', '10', ['localhost'], now - DAY, now + 90 * DAY)
  await leaf('expired', '11', ['localhost'], now - 60 * DAY, now - 3 * DAY)
  await leaf('wrong-host', '12', ['other.example'], now - DAY, now + 90 * DAY)
  await leaf('expiring', '13', ['localhost'], now - DAY, now + 5 * DAY + 3_600_000)
  process.env.NODE_EXTRA_CA_CERTS = join(PKI_DIR, 'ca.pem')
}
