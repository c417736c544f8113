import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import sshpk from 'sshpk'

/**
 * SSH signatures (OpenSSH's PROTOCOL.sshsig), the format of `ssh-keygen -Y sign`: what a sign-off
 * is. GoNoGo signs with Ed25519 keys it keeps in the keychain, and verifies Ed25519, ECDSA and RSA
 * signatures made by anyone's own SSH key. Key encodings and fingerprints come from sshpk; the
 * small envelope around the signature is written here, byte for byte as the spec has it.
 */

/** The namespace every GoNoGo sign-off is made in: a signature for anything else never counts. */
export { SIGNOFF_NAMESPACE } from '../../shared/record/signoff-namespace'

const MAGIC = Buffer.from('SSHSIG')
const VERSION = 1
const BEGIN = '-----BEGIN SSH SIGNATURE-----'
const END = '-----END SSH SIGNATURE-----'

export class SshsigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SshsigError'
  }
}

/** What a sign-off signs: the digest line exactly as `gonogo digest DIR` prints it. */
export function digestMessage(digest: string): Buffer {
  return Buffer.from(`${digest}\n`, 'utf8')
}

function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  return Buffer.concat([length, bytes])
}

class Reader {
  private offset = 0
  constructor(private readonly bytes: Buffer) {}
  take(n: number, what: string): Buffer {
    if (this.offset + n > this.bytes.length)
      throw new SshsigError(`the signature ends inside ${what}`)
    const out = this.bytes.subarray(this.offset, this.offset + n)
    this.offset += n
    return out
  }
  uint32(what: string): number {
    return this.take(4, what).readUInt32BE(0)
  }
  string(what: string): Buffer {
    return this.take(this.uint32(what), what)
  }
  text(what: string): string {
    return this.string(what).toString('utf8')
  }
  get done(): boolean {
    return this.offset === this.bytes.length
  }
}

const HASHES = { sha256: 'sha256', sha512: 'sha512' } as const
type HashAlgorithm = keyof typeof HASHES

/** The bytes the key actually signs: the envelope around H(message). */
function signedData(message: Buffer, namespace: string, hash: HashAlgorithm): Buffer {
  return Buffer.concat([
    MAGIC,
    sshString(namespace),
    sshString(''),
    sshString(hash),
    sshString(createHash(HASHES[hash]).update(message).digest()),
  ])
}

function armor(blob: Buffer): string {
  const lines = blob.toString('base64').match(/.{1,70}/g) ?? []
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`
}

function dearmor(text: string): Buffer {
  const start = text.indexOf(BEGIN)
  const end = text.indexOf(END)
  if (start < 0 || end < start)
    throw new SshsigError(
      'not an SSH signature (expected "-----BEGIN SSH SIGNATURE-----", as ssh-keygen -Y sign writes)',
    )
  const body = text.slice(start + BEGIN.length, end).replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) throw new SshsigError('the signature is not valid base64')
  return Buffer.from(body, 'base64')
}

/** An Ed25519 key as OpenSSH writes its public half: `ssh-ed25519 AAAA… comment`. */
export function openSshPublicKey(key: KeyObject, comment?: string): string {
  const parsed = sshpk.parseKey(
    createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    'pem',
  )
  const [type, body] = parsed.toString('ssh').split(' ')
  return comment ? `${type} ${body} ${comment}` : `${type} ${body}`
}

/** `SHA256:…`, as `ssh-keygen -l` prints it. */
export function fingerprintOf(publicKey: string): string {
  return sshpk.parseKey(publicKey, 'ssh').fingerprint('sha256').toString()
}

/** Sign `message` with an Ed25519 private key: the armored signature `ssh-keygen -Y verify` reads. */
export function signSshsig(message: Buffer, privateKey: KeyObject, namespace: string): string {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new SshsigError(`GoNoGo signs with Ed25519 keys, not ${privateKey.asymmetricKeyType}`)
  const publicBlob = sshpk
    .parseKey(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(), 'pem')
    .toBuffer('rfc4253')
  const raw = sign(null, signedData(message, namespace, 'sha512'), privateKey)
  const version = Buffer.alloc(4)
  version.writeUInt32BE(VERSION)
  return armor(
    Buffer.concat([
      MAGIC,
      version,
      sshString(publicBlob),
      sshString(namespace),
      sshString(''),
      sshString('sha512'),
      sshString(Buffer.concat([sshString('ssh-ed25519'), sshString(raw)])),
    ]),
  )
}

export interface VerifiedSignature {
  /** The signer's public key, OpenSSH format, without a comment. */
  publicKey: string
  fingerprint: string
  keyType: string
}

/** The key type, and how Node checks its signatures. */
const SIGNATURE_HASH: Record<string, string | null> = {
  'ssh-ed25519': null,
  'ecdsa-sha2-nistp256': 'sha256',
  'ecdsa-sha2-nistp384': 'sha384',
  'ecdsa-sha2-nistp521': 'sha512',
  'rsa-sha2-256': 'sha256',
  'rsa-sha2-512': 'sha512',
}

/**
 * Check an armored SSH signature over `message` in `namespace`. Returns the signer's key, or
 * throws an SshsigError that says what is wrong (another namespace, a bad signature, …).
 */
export function verifySshsig(
  armored: string,
  message: Buffer,
  namespace: string,
): VerifiedSignature {
  const r = new Reader(dearmor(armored))
  if (!r.take(6, 'the preamble').equals(MAGIC)) throw new SshsigError('not an SSHSIG blob')
  const version = r.uint32('the version')
  if (version !== VERSION) throw new SshsigError(`unsupported SSHSIG version ${version}`)
  const publicBlob = r.string('the public key')
  const signedNamespace = r.text('the namespace')
  r.string('the reserved field')
  const hash = r.text('the hash algorithm')
  const signatureBlob = r.string('the signature')
  if (!r.done) throw new SshsigError('the signature has trailing bytes')
  if (signedNamespace !== namespace)
    throw new SshsigError(
      `signed for namespace "${signedNamespace}", not "${namespace}" (sign with -n ${namespace})`,
    )
  if (hash !== 'sha256' && hash !== 'sha512')
    throw new SshsigError(`unsupported hash algorithm "${hash}"`)

  let key: sshpk.Key
  try {
    key = sshpk.parseKey(publicBlob, 'rfc4253')
  } catch (e) {
    throw new SshsigError(
      `the signer's public key cannot be read: ${e instanceof Error ? e.message : String(e)}`,
    )
  }
  const sig = new Reader(signatureBlob)
  const signatureType = sig.text('the signature type')
  if (signatureType.startsWith('sk-') || signatureType.includes('@openssh.com'))
    throw new SshsigError(`${signatureType} signatures (hardware security keys) are not supported`)
  if (!(signatureType in SIGNATURE_HASH))
    throw new SshsigError(`unsupported signature type "${signatureType}"`)
  const keyType = publicBlob.subarray(4, 4 + publicBlob.readUInt32BE(0)).toString('utf8')
  const family = (t: string) => t.replace(/^rsa-sha2-(256|512)$/, 'ssh-rsa')
  if (family(signatureType) !== keyType)
    throw new SshsigError(`a ${signatureType} signature does not match a ${keyType} key`)
  const raw = sig.string('the signature bytes')
  const spki = createPublicKey(key.toString('pem'))
  const data = signedData(message, namespace, hash)
  let valid: boolean
  if (signatureType === 'ssh-ed25519') valid = verify(null, data, spki, raw)
  else if (signatureType.startsWith('ecdsa-')) {
    // SSH encodes ECDSA as two mpints; Node wants DER.
    const der = sshpk.parseSignature(signatureBlob, 'ecdsa', 'ssh').toBuffer('asn1')
    valid = verify(SIGNATURE_HASH[signatureType]!, data, { key: spki, dsaEncoding: 'der' }, der)
  } else valid = verify(SIGNATURE_HASH[signatureType]!, data, spki, raw)
  if (!valid)
    throw new SshsigError(
      'the signature does not verify: it was made over another message (another digest?) or altered',
    )
  return {
    publicKey: key.toString('ssh').split(' ').slice(0, 2).join(' '),
    fingerprint: key.fingerprint('sha256').toString(),
    keyType,
  }
}
