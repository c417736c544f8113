import { createPrivateKey, createPublicKey, webcrypto, X509Certificate } from 'node:crypto'
import * as pkijs from 'pkijs'
import { toArrayBuffer } from './cms-profile'
import type { SigningIdentity } from './identity'

/**
 * An organisation's signing certificate for the record PDF, instead of the local GoNoGo CA: a
 * PKCS#12 file (read by pkijs; the password comes from the environment or stdin, never argv), or a
 * PEM chain whose private key is a signing-key credential in the keychain. Verifiers and Acrobat
 * then trust the record through the company root they already hold.
 */

export class OrgIdentityError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OrgIdentityError'
  }
}

/** The leaf first, then each issuer the file carries, in chain order. */
function orderChain(leaf: X509Certificate, others: X509Certificate[]): X509Certificate[] {
  const chain = [leaf]
  const rest = [...others]
  for (;;) {
    const last = chain[chain.length - 1]!
    if (last.checkIssued(last)) break // self-signed: the root
    const at = rest.findIndex((c) => last.checkIssued(c) && last.verify(c.publicKey))
    if (at < 0) break
    chain.push(rest.splice(at, 1)[0]!)
  }
  return chain
}

/** A PKCS#8 key as WebCrypto signs with it: ECDSA P-256 or RSASSA-PKCS1-v1_5, SHA-256. */
async function signingKeyOf(pkcs8: Buffer, what: string): Promise<CryptoKey> {
  let type: string | undefined
  let curve: string | undefined
  try {
    const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    type = key.asymmetricKeyType
    curve = key.asymmetricKeyDetails?.namedCurve
  } catch {
    throw new OrgIdentityError(`${what}: the private key cannot be read`)
  }
  const algorithm =
    type === 'rsa'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : type === 'ec' && curve === 'prime256v1'
        ? { name: 'ECDSA', namedCurve: 'P-256' }
        : undefined
  if (!algorithm)
    throw new OrgIdentityError(
      `${what}: the key is ${type}${curve ? ` ${curve}` : ''}; GoNoGo signs records with ECDSA P-256 or RSA keys`,
    )
  return webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign'])
}

function identityOf(
  certificates: X509Certificate[],
  pkcs8: Buffer,
  key: CryptoKey,
  what: string,
): SigningIdentity {
  const publicKey = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }))
  const spki = publicKey.export({ type: 'spki', format: 'der' })
  const leaf = certificates.find((c) =>
    c.publicKey.export({ type: 'spki', format: 'der' }).equals(spki),
  )
  if (!leaf) throw new OrgIdentityError(`${what}: no certificate matches the private key`)
  const now = Date.now()
  if (Date.parse(leaf.validTo) < now || Date.parse(leaf.validFrom) > now)
    throw new OrgIdentityError(
      `${what}: the certificate for ${leaf.subject.replace(/\n/g, ', ')} is valid from ${leaf.validFrom} to ${leaf.validTo}`,
    )
  const chain = orderChain(
    leaf,
    certificates.filter((c) => c !== leaf),
  )
  const root = chain[chain.length - 1]!
  return {
    certificate: new Uint8Array(leaf.raw),
    chain: chain.slice(1).map((c) => new Uint8Array(c.raw)),
    root: new Uint8Array(root.raw),
    rootPem: root.toString(),
    privateKey: key,
    subject: pkijs.Certificate.fromBER(toArrayBuffer(leaf.raw))
      .subject.typesAndValues.map((tv) => String(tv.value.valueBlock.value))
      .join(', '),
  }
}

interface Decryptable {
  parseInternalValues(parameters: { password: ArrayBuffer }): Promise<void>
}

/** The identity in a PKCS#12 (.p12/.pfx) file, as OpenSSL, Windows and macOS export it. */
export async function identityFromPkcs12(
  bytes: Buffer,
  password: string,
  file: string,
): Promise<SigningIdentity> {
  const secret = toArrayBuffer(new TextEncoder().encode(password))
  const certificates: X509Certificate[] = []
  const keys: Buffer[] = []
  try {
    const pfx = pkijs.PFX.fromBER(toArrayBuffer(bytes))
    await pfx.parseInternalValues({ password: secret, checkIntegrity: true })
    const safe = pfx.parsedValue?.authenticatedSafe
    if (!safe) throw new Error('no authenticated safe')
    await safe.parseInternalValues({
      safeContents: safe.safeContents.map(() => ({ password: secret })),
    })
    for (const contents of safe.parsedValue?.safeContents ?? [])
      for (const bag of contents.value.safeBags) {
        const value: unknown = bag.bagValue
        if (value instanceof pkijs.CertBag && value.parsedValue instanceof pkijs.Certificate)
          certificates.push(
            new X509Certificate(Buffer.from(value.parsedValue.toSchema().toBER(false))),
          )
        else if (value instanceof pkijs.PKCS8ShroudedKeyBag) {
          // Public in pkijs' JavaScript (its PKCS#12 tests call it); typed as protected.
          await (value as unknown as Decryptable).parseInternalValues({ password: secret })
          if (value.parsedValue) keys.push(Buffer.from(value.parsedValue.toSchema().toBER(false)))
        } else if (value instanceof pkijs.PrivateKeyInfo)
          keys.push(Buffer.from(value.toSchema().toBER(false)))
      }
  } catch (e) {
    if (e instanceof OrgIdentityError) throw e
    throw new OrgIdentityError(
      `${file}: cannot open the PKCS#12 file (wrong password, or not a .p12/.pfx file)`,
    )
  }
  if (keys.length !== 1)
    throw new OrgIdentityError(
      `${file}: holds ${keys.length} private keys; GoNoGo needs exactly one, with its certificate`,
    )
  const pkcs8 = keys[0]!
  return identityOf(certificates, pkcs8, await signingKeyOf(pkcs8, file), file)
}

/** A PEM chain (the leaf and its issuers) with the leaf's PKCS#8 private key PEM. */
export async function identityFromPem(
  chainPem: string,
  keyPem: string,
  file: string,
): Promise<SigningIdentity> {
  const certificates = [
    ...chainPem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g),
  ].map((m, i) => {
    try {
      return new X509Certificate(m[0])
    } catch {
      throw new OrgIdentityError(`${file}: certificate ${i + 1} cannot be read`)
    }
  })
  if (certificates.length === 0)
    throw new OrgIdentityError(`${file}: no PEM certificate (-----BEGIN CERTIFICATE-----)`)
  let pkcs8: Buffer
  try {
    pkcs8 = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' })
  } catch {
    throw new OrgIdentityError(`${file}: the signing key from the keychain cannot be read`)
  }
  return identityOf(certificates, pkcs8, await signingKeyOf(pkcs8, file), file)
}
