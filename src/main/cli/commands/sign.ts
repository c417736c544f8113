import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { readiness } from '../../../shared/session/readiness'
import { SigningKeyError, signingKey } from '../../record/signing-keys'
import { signoffEvent, type SignatureSource } from '../../record/signoff'
import { digestMessage, SIGNOFF_NAMESPACE } from '../../record/sshsig'
import { KeyringSecretStore } from '../../secrets/keyring-store'
import { KeychainError } from '../../secrets/secret-store'
import { Vault, VaultError } from '../../secrets/vault'
import { EXIT, UsageError, type CliIo } from '../io'
import { actorFrom, openSessionForCli } from '../session-access'

export const signHelp = `gonogo sign DIR --role ROLE --name NAME (--key CREDENTIAL | --ssh-key FILE | --signature FILE.sig)
  Sign off the session's current digest for ROLE as NAME (a name or e-mail: the principal in
  allowed_signers). The signature is an SSH signature (namespace ${SIGNOFF_NAMESPACE}) over the
  line \`gonogo digest DIR\` prints:
    --key CREDENTIAL   sign with a GoNoGo signing key from the keychain (gonogo key new)
    --ssh-key FILE     sign with your own SSH key through ssh-keygen -Y sign
    --signature FILE   import a signature someone made elsewhere:
                       gonogo digest DIR > digest.txt
                       ssh-keygen -Y sign -f ~/.ssh/id_ed25519 -n ${SIGNOFF_NAMESPACE} digest.txt
  The signature is verified against the current digest before it is recorded; one over another
  digest, another namespace or a bad one is refused with the reason (exit 1).`

/** `ssh-keygen -Y sign` with the user's own key (it may ask for the passphrase on the terminal). */
async function signWithSshKey(file: string, message: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gonogo-sign-'))
  try {
    const digestFile = join(dir, 'digest.txt')
    await writeFile(digestFile, message)
    const r = spawnSync(
      'ssh-keygen',
      ['-Y', 'sign', '-f', file, '-n', SIGNOFF_NAMESPACE, digestFile],
      {
        stdio: ['inherit', 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 120_000,
      },
    )
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(
        '--ssh-key needs ssh-keygen: install openssh-client (apt-get install openssh-client)',
      )
    if (r.status !== 0)
      throw new UsageError(
        `ssh-keygen could not sign with ${file}: ${(r.stderr || r.stdout).trim()}`,
      )
    return await readFile(`${digestFile}.sig`, 'utf8')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function signCli(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      key: { type: 'string' },
      'ssh-key': { type: 'string' },
      signature: { type: 'string' },
      actor: { type: 'string' },
    },
  })
  const [dir, ...extra] = positionals
  if (!dir || extra.length > 0) throw new UsageError('sign takes one session DIR')
  const role = values.role?.trim()
  const name = values.name?.trim()
  if (!role) throw new UsageError('--role ROLE is required')
  if (!name) throw new UsageError('--name NAME is required (a name or e-mail)')
  const ways = [values.key, values['ssh-key'], values.signature].filter((v) => v !== undefined)
  if (ways.length !== 1)
    throw new UsageError('give exactly one of --key CREDENTIAL, --ssh-key FILE or --signature FILE')

  const session = await openSessionForCli(dir, io, { command: 'sign' })
  if (typeof session === 'number') return session
  try {
    let source: SignatureSource
    if (values.key !== undefined)
      source = {
        method: 'keychain',
        key: await signingKey(new Vault(new KeyringSecretStore(), io.env), values.key),
      }
    else if (values['ssh-key'] !== undefined) {
      const digest = readiness(session.state, session.now()).digest
      source = {
        method: 'ssh-key',
        armored: await signWithSshKey(values['ssh-key'], digestMessage(digest)),
      }
    } else {
      const file = values.signature ?? ''
      source = {
        method: 'imported',
        armored: await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot read ${file}: ${e.code ?? e.message}`)
        }),
      }
    }
    const result = signoffEvent(session.state, session.now(), actorFrom(values, io), {
      role,
      name,
      source,
    })
    if (!result.ok) {
      if (!result.digest) throw new UsageError(result.message)
      io.err(
        `gonogo sign: ${result.message}. The current digest is ${result.digest}; sign exactly the line \`gonogo digest ${dir}\` prints.\n`,
      )
      return EXIT.failed
    }
    await session.record([result.event])
    io.out(
      `signed off: ${role} by ${name} (${result.keyType} ${result.fingerprint}) over digest ${result.digest}\n`,
    )
    return EXIT.ok
  } catch (e) {
    if (e instanceof SigningKeyError || e instanceof VaultError || e instanceof KeychainError) {
      io.err(`gonogo sign: ${e.message}\n`)
      return EXIT.usage
    }
    throw e
  } finally {
    await session.close()
  }
}
