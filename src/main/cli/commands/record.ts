import { parseArgs } from 'node:util'
import { pkiDir } from '../../record/identity'
import { writeRecord } from '../../record/write-record'
import { KeyringSecretStore } from '../../secrets/keyring-store'
import { KeychainError } from '../../secrets/secret-store'
import { Vault, VaultError } from '../../secrets/vault'
import { EXIT, UsageError, type CliIo } from '../io'
import { actorFrom, openSessionForCli } from '../session-access'

export const recordHelp = `gonogo record DIR -o OUT.pdf [--captain NAME]
  Export the session's signed launch decision record: OUT.pdf (readable, PAdES-signed by the
  captain's certificate from the local GoNoGo root CA, with the JSON, the sign-off signatures and
  allowed_signers attached), OUT.json (canonical RFC 8785) and OUT.allowed_signers.
  The captain is the one who recorded the decision (else --captain, $GONOGO_ACTOR or the OS user).
  The root CA and the captain's key are made on first use (keys in the keychain, certificates in
  ${'$'}GONOGO_PKI_DIR or ~/.config/gonogo/pki); trust gonogo-root-ca.pem to see "Certificate is Trusted."`

export async function recordCli(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      captain: { type: 'string' },
    },
  })
  const [dir, ...extra] = positionals
  if (!dir || extra.length > 0) throw new UsageError('record takes one session DIR')
  const output = values.output
  if (!output || !output.endsWith('.pdf')) throw new UsageError('-o OUT.pdf is required')
  const session = await openSessionForCli(dir, io, { command: 'record', readOnly: true })
  if (typeof session === 'number') return session
  try {
    const written = await writeRecord(
      session,
      output,
      new Vault(new KeyringSecretStore(), io.env),
      values.captain ?? actorFrom({}, io).name,
      io.env,
    )
    io.out(
      [
        `record: ${written.pdf} (${written.bytes} bytes, signed by ${written.signedBy})`,
        `json: ${written.json} · allowed signers: ${written.allowedSigners}`,
        `digest: ${written.digest}`,
        `verify: gonogo verify ${written.pdf}   (root certificate: ${pkiDir(io.env)}/gonogo-root-ca.pem)`,
        '',
      ].join('\n'),
    )
    return EXIT.ok
  } catch (e) {
    if (e instanceof VaultError || e instanceof KeychainError) {
      io.err(`gonogo record: the signing keys live in the keychain: ${e.message}\n`)
      return EXIT.usage
    }
    throw e
  } finally {
    await session.close()
  }
}
