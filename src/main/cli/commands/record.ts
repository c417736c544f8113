import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { exportRecord } from '../../record/export'
import { captainIdentity, pkiDir } from '../../record/identity'
import { renderRecordPdf } from '../../record/record-pdf'
import { findResourcesDir } from '../../resources'
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
  const base = output.slice(0, -'.pdf'.length)
  const session = await openSessionForCli(dir, io, { command: 'record', readOnly: true })
  if (typeof session === 'number') return session
  try {
    const exported = await exportRecord(session)
    const captain =
      exported.record.decision?.captain.name ?? values.captain ?? actorFrom({}, io).name
    const identity = await captainIdentity(
      new Vault(new KeyringSecretStore(), io.env),
      captain,
      io.env,
    )
    const pdf = await renderRecordPdf({
      ...exported,
      resourcesDir: findResourcesDir(),
      identity,
      baseName: base.split('/').pop() ?? base,
    })
    await writeFile(`${base}.json`, exported.json)
    await writeFile(`${base}.allowed_signers`, exported.allowedSigners)
    await writeFile(output, pdf)
    io.out(
      [
        `record: ${output} (${pdf.length} bytes, signed by ${identity.subject})`,
        `json: ${base}.json · allowed signers: ${base}.allowed_signers`,
        `digest: ${exported.record.digest}`,
        `verify: gonogo verify ${output}   (root certificate: ${pkiDir(io.env)}/gonogo-root-ca.pem)`,
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
