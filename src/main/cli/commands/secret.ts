import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { CredentialKindSchema, type CredentialKind } from '../../../shared/credentials'
import { openPlanOrChecklist } from '../../plans/plan-files'
import { KeyringSecretStore } from '../../secrets/keyring-store'
import { KeychainError } from '../../secrets/secret-store'
import { Vault, VaultError } from '../../secrets/vault'
import { EXIT, UsageError, type CliIo } from '../io'

export const secretHelp = `gonogo secret set NAME --kind KIND [--field key=value ...] [--from-file FILE]
gonogo secret list [--plan PLAN] [--json]
gonogo secret delete NAME
  Credentials live in the OS keychain (service "gonogo"), never in plans or files.
  set reads the secret from standard input (never from the command line):
    token                   the token on stdin
    basic                   --field user=NAME, the password on stdin
    header                  --field name=X-Api-Key, the value on stdin
    appstore-connect        --field issuerId=… --field keyId=… [--field bundleId=…], the .p8 via --from-file or stdin
    google-service-account  the JSON key file via --from-file or stdin
  list shows names, kinds, set or missing, source and dates — never a value.`

/** Fields that hold the secret itself: they come from stdin or a file, never from argv. */
const SECRET_FIELDS = new Set(['token', 'password', 'value', 'privateKey', 'private_key'])

export async function secretCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args
  const vault = new Vault(new KeyringSecretStore(), io.env)
  try {
    if (sub === 'set') return await setSecret(rest, io, vault)
    if (sub === 'list') return await listSecrets(rest, io, vault)
    if (sub === 'delete') return await deleteSecret(rest, io, vault)
  } catch (e) {
    if (e instanceof VaultError || e instanceof KeychainError) {
      io.err(`gonogo secret: ${e.message}\n`)
      return EXIT.usage
    }
    throw e
  }
  throw new UsageError(sub ? `unknown secret command "${sub}"` : 'expected set, list or delete')
}

async function setSecret(args: string[], io: CliIo, vault: Vault): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      field: { type: 'string', multiple: true },
      'from-file': { type: 'string' },
    },
  })
  const [name, ...extra] = positionals
  if (!name || extra.length > 0) throw new UsageError('secret set takes one NAME')
  const kind = CredentialKindSchema.safeParse(values.kind ?? 'token')
  if (!kind.success)
    throw new UsageError(`--kind must be one of ${CredentialKindSchema.options.join(', ')}`)
  const fields: Record<string, unknown> = {}
  for (const pair of values.field ?? []) {
    const eq = pair.indexOf('=')
    if (eq <= 0)
      throw new UsageError(`--field expects key=value, got "${pair.split('=')[0] ?? ''}…"`)
    const key = pair.slice(0, eq)
    if (SECRET_FIELDS.has(key))
      throw new UsageError(
        `--field ${key}=… would put the secret on the command line (and in shell history); pass it on standard input`,
      )
    fields[key] = pair.slice(eq + 1)
  }
  const secretText =
    values['from-file'] !== undefined
      ? await readSecretFile(values['from-file'])
      : await io.readStdin()
  const secret = secretText.replace(/\r?\n$/, '')
  if (secret === '')
    throw new UsageError('no secret on standard input (pipe it in, or use --from-file)')
  Object.assign(fields, secretFields(kind.data, secret))
  await vault.set(name, kind.data, fields)
  io.out(`stored \`${name}\` (${kind.data}) in the OS keychain\n`)
  return EXIT.ok
}

async function readSecretFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    throw new UsageError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}

/** Where the secret text goes for each kind. */
function secretFields(kind: CredentialKind, secret: string): Record<string, unknown> {
  switch (kind) {
    case 'token':
      return { token: secret }
    case 'basic':
      return { password: secret }
    case 'header':
      return { value: secret }
    case 'appstore-connect':
    case 'signing-key':
      return { privateKey: secret }
    case 'google-service-account':
      try {
        return JSON.parse(secret) as Record<string, unknown>
      } catch {
        throw new UsageError(
          'a google-service-account credential is the JSON key file; this is not JSON',
        )
      }
  }
}

async function listSecrets(args: string[], io: CliIo, vault: Vault): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, plan: { type: 'string' } },
  })
  if (positionals.length > 0) throw new UsageError('secret list takes no arguments')
  let declared = {}
  if (values.plan) {
    const loaded = await openPlanOrChecklist(values.plan)
    if (!loaded.ok) throw new UsageError(`${values.plan}: not a valid plan (run gonogo validate)`)
    declared = loaded.value.plan.credentials
  }
  const infos = await vault.list(declared)
  if (values.json) {
    io.out(JSON.stringify(infos, null, 2) + '\n')
    return EXIT.ok
  }
  if (infos.length === 0) {
    io.out('no credentials stored\n')
    return EXIT.ok
  }
  const width = Math.max(...infos.map((i) => i.name.length))
  for (const i of infos) {
    const state = i.set ? `set (${i.source ?? '?'})` : `MISSING${i.problem ? `: ${i.problem}` : ''}`
    const dates = [
      i.updatedAt && `updated ${i.updatedAt}`,
      i.verifiedAt && `verified ${i.verifiedAt}`,
    ]
      .filter(Boolean)
      .join(', ')
    io.out(
      `${i.name.padEnd(width)}  ${(i.kind ?? '?').padEnd(22)}  ${state}${dates ? `  ${dates}` : ''}\n`,
    )
  }
  return EXIT.ok
}

async function deleteSecret(args: string[], io: CliIo, vault: Vault): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  const [name, ...extra] = positionals
  if (!name || extra.length > 0) throw new UsageError('secret delete takes one NAME')
  if (await vault.delete(name)) {
    io.out(`deleted \`${name}\` from the OS keychain\n`)
    return EXIT.ok
  }
  io.err(`gonogo secret: no credential \`${name}\` in the OS keychain\n`)
  return EXIT.usage
}
