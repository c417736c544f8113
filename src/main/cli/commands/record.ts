import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import type { SigningIdentity } from '../../record/identity'
import { identityFromPem, identityFromPkcs12, OrgIdentityError } from '../../record/org-identity'
import { TimestampError } from '../../record/timestamp'
import { pkiDir } from '../../record/identity'
import { writeRecord } from '../../record/write-record'
import { KeyringSecretStore } from '../../secrets/keyring-store'
import { KeychainError } from '../../secrets/secret-store'
import { Vault, VaultError } from '../../secrets/vault'
import { EXIT, UsageError, type CliIo } from '../io'
import { actorFrom, openSessionForCli } from '../session-access'

export const recordHelp = `gonogo record DIR -o OUT.pdf [--captain NAME] [--cert FILE.p12 | --cert CHAIN.pem --cert-key CREDENTIAL]
  Export the session's signed launch decision record: OUT.pdf (readable, PAdES-signed by the
  captain's certificate from the local GoNoGo root CA, with the JSON, the sign-off signatures and
  allowed_signers attached), OUT.json (canonical RFC 8785) and OUT.allowed_signers.
  The captain is the one who recorded the decision (else --captain, $GONOGO_ACTOR or the OS user).
  The root CA and the captain's key are made on first use (keys in the keychain, certificates in
  ${'$'}GONOGO_PKI_DIR or ~/.config/gonogo/pki); trust gonogo-root-ca.pem to see "Certificate is Trusted."
  An organisation's certificate signs instead with --cert: a PKCS#12 file (its password from
  ${'$'}GONOGO_CERT_PASSWORD, else the first line of stdin; never an argument), or a PEM chain (the
  certificate, then its issuers) whose private key is a signing-key credential (--cert-key).
  --tsa URL adds an RFC 3161 signature time-stamp from that time-stamping authority (PAdES B-T):
  the export time is then attested by the TSA, not only stated by the exporter.`

export async function recordCli(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      captain: { type: 'string' },
      cert: { type: 'string' },
      'cert-key': { type: 'string' },
      tsa: { type: 'string' },
    },
  })
  const [dir, ...extra] = positionals
  if (!dir || extra.length > 0) throw new UsageError('record takes one session DIR')
  const output = values.output
  if (!output || !output.endsWith('.pdf')) throw new UsageError('-o OUT.pdf is required')
  if (values['cert-key'] !== undefined && values.cert === undefined)
    throw new UsageError('--cert-key names the key of a --cert CHAIN.pem')
  const vault = new Vault(new KeyringSecretStore(), io.env)
  let identity: SigningIdentity | undefined
  if (values.cert !== undefined) {
    try {
      identity = await organisationIdentity(values.cert, values['cert-key'], vault, io)
    } catch (e) {
      if (e instanceof OrgIdentityError) throw new UsageError(e.message)
      if (e instanceof VaultError || e instanceof KeychainError) {
        io.err(`gonogo record: --cert-key lives in the keychain: ${e.message}\n`)
        return EXIT.usage
      }
      throw e
    }
  }
  const session = await openSessionForCli(dir, io, { command: 'record', readOnly: true })
  if (typeof session === 'number') return session
  try {
    const written = await writeRecord(
      session,
      output,
      vault,
      values.captain ?? actorFrom({}, io).name,
      io.env,
      { ...(identity && { identity }), ...(values.tsa !== undefined && { tsa: values.tsa }) },
    )
    io.out(
      [
        `record: ${written.pdf} (${written.bytes} bytes, signed by ${written.signedBy})`,
        `json: ${written.json} · allowed signers: ${written.allowedSigners}`,
        `digest: ${written.digest}`,
        identity
          ? `verify: gonogo verify ${written.pdf} --trust YOUR-ORGANISATION-ROOT.pem --allowed-signers YOUR-ALLOWED-SIGNERS`
          : `verify: gonogo verify ${written.pdf} --trust ${pkiDir(io.env)}/gonogo-root-ca.pem --allowed-signers YOUR-ALLOWED-SIGNERS`,
        '',
      ].join('\n'),
    )
    return EXIT.ok
  } catch (e) {
    if (e instanceof VaultError || e instanceof KeychainError) {
      io.err(`gonogo record: the signing keys live in the keychain: ${e.message}\n`)
      return EXIT.usage
    }
    if (e instanceof TimestampError) {
      io.err(`gonogo record: not exported: ${e.message}\n`)
      return EXIT.failed
    }
    throw e
  } finally {
    await session.close()
  }
}

/** `--cert FILE.p12` (password from the environment or stdin) or `--cert CHAIN.pem --cert-key NAME`. */
async function organisationIdentity(
  file: string,
  keyName: string | undefined,
  vault: Vault,
  io: CliIo,
): Promise<SigningIdentity> {
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${e.code ?? e.message}`)
  })
  if (bytes.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) {
    if (!keyName)
      throw new UsageError(
        `${file} is a PEM chain: name its private key's keychain credential with --cert-key NAME (gonogo secret set NAME --kind signing-key --from-file key.pem)`,
      )
    const credential = await vault.resolve(keyName, 'signing-key')
    if (!credential)
      throw new UsageError(`--cert-key ${keyName}: no signing-key credential of that name is set`)
    return identityFromPem(bytes.toString('utf8'), String(credential.fields.privateKey), file)
  }
  if (keyName) throw new UsageError('--cert-key is for a PEM chain; a .p12 carries its own key')
  const password = io.env.GONOGO_CERT_PASSWORD ?? (await io.readStdin()).split(/\r?\n/)[0] ?? ''
  return identityFromPkcs12(bytes, password, file)
}
