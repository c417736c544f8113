import { createHash, randomBytes, webcrypto } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { homedir, hostname } from 'node:os'
import { join } from 'node:path'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import type { Vault } from '../secrets/vault'

/**
 * The captain's signing identity for the record PDF: a certificate issued by a local GoNoGo root
 * CA created on first use. Private keys live in the keychain (kind `signing-key`); certificates
 * are public and live in the PKI directory, so verifiers can be given the root to trust.
 */

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const
const DAY = 86_400_000
const ROOT_KEY = 'gonogo-root-ca'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)

export interface SigningIdentity {
  /** DER of the signer's certificate. */
  certificate: Uint8Array
  /** DER of each issuer carried with the signature, in chain order (the local CA: its root). */
  chain: Uint8Array[]
  root: Uint8Array
  rootPem: string
  privateKey: CryptoKey
  subject: string
}

/** `$GONOGO_PKI_DIR`, else ~/.config/gonogo/pki (XDG_CONFIG_HOME respected). */
export function pkiDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GONOGO_PKI_DIR) return env.GONOGO_PKI_DIR
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'gonogo', 'pki')
}

async function pemOfKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key))
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`
}

async function importKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
  return webcrypto.subtle.importKey('pkcs8', der, ALG, false, ['sign'])
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch {
    return undefined
  }
}

const serial = () =>
  randomBytes(16)
    .toString('hex')
    .replace(/^[89a-f]/, '1')
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'captain'
const escapeDn = (value: string) => value.replace(/([,+"\\<>;=])/g, '\\$1')

async function storedPair(
  vault: Vault,
  keyName: string,
  certFile: string,
): Promise<{ key: CryptoKey; cert: x509.X509Certificate } | undefined> {
  const credential = await vault.resolve(keyName, 'signing-key')
  const certPem = await readText(certFile)
  if (!credential || !certPem) return undefined
  const cert = new x509.X509Certificate(certPem)
  if (cert.notAfter.getTime() < Date.now() + DAY) return undefined
  return { key: await importKey(String(credential.fields.privateKey)), cert }
}

/**
 * The captain's identity, made on first use: the root CA (once per machine user) and a
 * certificate for this captain name issued by it.
 */
export async function captainIdentity(
  vault: Vault,
  captain: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SigningIdentity> {
  const dir = pkiDir(env)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const rootFile = join(dir, 'gonogo-root-ca.pem')
  let root = await storedPair(vault, ROOT_KEY, rootFile)
  let rootIsNew = false
  if (!root) {
    const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: `CN=GoNoGo local root CA (${escapeDn(hostname())}), O=GoNoGo`,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 10 * 365 * DAY),
      keys,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    })
    await vault.set(ROOT_KEY, 'signing-key', { privateKey: await pemOfKey(keys.privateKey) })
    await writeFile(rootFile, cert.toString('pem') + '\n')
    root = { key: keys.privateKey, cert }
    rootIsNew = true
  }
  const captainKey = `gonogo-captain-${slug(captain)}-${createHash('sha256').update(captain).digest('hex').slice(0, 8)}`
  const captainFile = join(dir, `${captainKey}.pem`)
  let leaf = rootIsNew ? undefined : await storedPair(vault, captainKey, captainFile)
  if (leaf && leaf.cert.issuer !== root.cert.subject) leaf = undefined
  if (!leaf) {
    const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${escapeDn(captain)}, O=GoNoGo launch captain`,
      issuer: root.cert.subject,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 2 * 365 * DAY),
      signingKey: root.key,
      publicKey: keys.publicKey,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
          true,
        ),
        // NSS (pdfsig) checks document signers as e-mail signers.
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection]),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(root.cert),
      ],
    })
    await vault.set(captainKey, 'signing-key', { privateKey: await pemOfKey(keys.privateKey) })
    await writeFile(captainFile, cert.toString('pem') + '\n')
    leaf = { key: await importKey(await pemOfKey(keys.privateKey)), cert }
  }
  return {
    certificate: new Uint8Array(leaf.cert.rawData),
    chain: [new Uint8Array(root.cert.rawData)],
    root: new Uint8Array(root.cert.rawData),
    rootPem: root.cert.toString('pem') + '\n',
    privateKey: leaf.key,
    subject: leaf.cert.subject,
  }
}
