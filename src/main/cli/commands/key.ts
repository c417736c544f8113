import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import {
  createSigningKey,
  openSshPrivateKey,
  SigningKeyError,
  signingKey,
} from '../../record/signing-keys'
import { openSshPublicKey } from '../../record/sshsig'
import { KeyringSecretStore } from '../../secrets/keyring-store'
import { KeychainError } from '../../secrets/secret-store'
import { Vault, VaultError } from '../../secrets/vault'
import { EXIT, UsageError, type CliIo } from '../io'

export const keyHelp = `gonogo key new NAME [--comment EMAIL]
gonogo key public NAME [--comment EMAIL]
gonogo key export NAME --private -o FILE [--comment EMAIL]
  Ed25519 signing keys for sign-offs, kept in the OS keychain (credential kind signing-key).
  new makes one and prints its public key (OpenSSH format) and fingerprint; public prints the
  public key again; export --private writes the private key in OpenSSH format (mode 0600) so
  ssh-keygen -Y sign can use it too.`

export async function keyCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      comment: { type: 'string' },
      private: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
    },
  })
  const [name, ...extra] = positionals
  if (!name || extra.length > 0) throw new UsageError(`key ${sub ?? ''} takes one NAME`.trim())
  const comment = values.comment ?? name
  const vault = new Vault(new KeyringSecretStore(), io.env)
  try {
    if (sub === 'new') {
      const made = await createSigningKey(vault, name, comment)
      io.out(`${made.publicKey}\n`)
      io.err(`signing key \`${name}\` stored in the keychain; fingerprint ${made.fingerprint}\n`)
      return EXIT.ok
    }
    if (sub === 'public') {
      io.out(`${openSshPublicKey(await signingKey(vault, name), comment)}\n`)
      return EXIT.ok
    }
    if (sub === 'export') {
      if (!values.private)
        throw new UsageError('export writes the PRIVATE key: say so with --private')
      if (!values.output)
        throw new UsageError(
          'export --private needs -o FILE (a private key never goes to the terminal)',
        )
      const text = openSshPrivateKey(await signingKey(vault, name), comment)
      await writeFile(values.output, text, { mode: 0o600, flag: 'wx' }).catch(
        (e: NodeJS.ErrnoException) => {
          throw new UsageError(
            e.code === 'EEXIST'
              ? `${values.output} already exists; a private key is never written over a file`
              : `cannot write ${values.output}: ${e.code ?? e.message}`,
          )
        },
      )
      io.err(`private key \`${name}\` written to ${values.output} (mode 0600)\n`)
      return EXIT.ok
    }
  } catch (e) {
    if (e instanceof SigningKeyError || e instanceof VaultError || e instanceof KeychainError) {
      io.err(`gonogo key: ${e.message}\n`)
      return EXIT.usage
    }
    throw e
  }
  throw new UsageError(sub ? `unknown key command "${sub}"` : 'expected new, public or export')
}
