import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import sshpk from 'sshpk'
import type { Vault } from '../secrets/vault'
import { fingerprintOf, openSshPublicKey } from './sshsig'

/**
 * Personal Ed25519 signing keys kept in the keychain (credential kind `signing-key`): GoNoGo makes
 * them, signs sign-offs with them, and hands out the public half (and, when asked explicitly, the
 * private half in OpenSSH format so `ssh-keygen -Y sign` can use it too).
 */

export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SigningKeyError'
  }
}

/** Make a new key and store it; refuses to replace an existing credential. */
export async function createSigningKey(
  vault: Vault,
  name: string,
  comment: string,
): Promise<{ publicKey: string; fingerprint: string }> {
  if ((await vault.list()).some((c) => c.name === name && c.set))
    throw new SigningKeyError(
      `credential \`${name}\` already exists; choose another name (or delete it first with gonogo secret delete ${name})`,
    )
  const { privateKey } = generateKeyPairSync('ed25519')
  await vault.set(name, 'signing-key', {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  })
  const publicKey = openSshPublicKey(privateKey, comment)
  return { publicKey, fingerprint: fingerprintOf(publicKey) }
}

/** The private key of a stored signing key; a clear error when it is missing or not Ed25519. */
export async function signingKey(vault: Vault, name: string): Promise<KeyObject> {
  const credential = await vault.resolve(name, 'signing-key')
  if (!credential)
    throw new SigningKeyError(
      `no signing key \`${name}\` in the keychain (make one with gonogo key new ${name})`,
    )
  const pem = credential.fields.privateKey
  let key: KeyObject
  try {
    key = createPrivateKey(String(pem))
  } catch {
    throw new SigningKeyError(`signing key \`${name}\` is not a readable private key`)
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(
      `signing key \`${name}\` is ${key.asymmetricKeyType}; GoNoGo signs with Ed25519 keys`,
    )
  return key
}

/** The private key in OpenSSH's own format (unencrypted): for `ssh-keygen -Y sign -f`. */
export function openSshPrivateKey(key: KeyObject, comment: string): string {
  const parsed = sshpk.parsePrivateKey(
    key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'pkcs8',
  )
  parsed.comment = comment
  return parsed.toString('openssh')
}
