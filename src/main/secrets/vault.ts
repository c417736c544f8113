import { createPrivateKey } from 'node:crypto'
import {
  CredentialKindSchema,
  CredentialNameSchema,
  parseCredentialFields,
  StoredCredentialSchema,
  type CredentialKind,
} from '../../shared/credentials'
import { envVarFor } from '../probes/secrets'
import { KeychainError, type SecretStore } from './secret-store'

export type CredentialSource = 'keychain' | 'environment'

export interface ResolvedCredential {
  name: string
  kind: CredentialKind
  fields: Record<string, unknown>
  source: CredentialSource
}

export interface CredentialInfo {
  name: string
  kind?: CredentialKind
  set: boolean
  source?: CredentialSource
  updatedAt?: string
  verifiedAt?: string
  /** Why it could not be read (keychain locked, malformed value), never the value. */
  problem?: string
}

export class VaultError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'VaultError'
  }
}

/** Key material must be what the provider expects, checked before it is stored. */
function checkKeyMaterial(
  kind: CredentialKind,
  fields: Record<string, unknown>,
): string | undefined {
  try {
    if (kind === 'appstore-connect') {
      const key = createPrivateKey(String(fields.privateKey))
      if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
        return 'appstore-connect: privateKey is not a P-256 (ES256) key; use the .p8 file App Store Connect gave you'
    }
    if (kind === 'google-service-account') {
      const key = createPrivateKey(String(fields.private_key))
      if (key.asymmetricKeyType !== 'rsa')
        return 'google-service-account: private_key is not an RSA key'
    }
  } catch {
    return `${kind}: the private key does not parse as PEM`
  }
  return undefined
}

/**
 * Credentials: validated per kind, stored as one JSON document each in the keychain, read only by
 * the main process. Headless runs may supply `GONOGO_SECRET_<NAME>` instead (a plain token, or
 * JSON fields for structured kinds); the keychain wins when both exist.
 */
export class Vault {
  constructor(
    private readonly store: SecretStore | undefined,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  async set(name: string, kind: string, fields: unknown): Promise<void> {
    if (!CredentialNameSchema.safeParse(name).success)
      throw new VaultError(
        `"${name}" is not a credential name: lower-case letters, digits, "_" or "-", starting with a letter`,
      )
    const k = CredentialKindSchema.safeParse(kind)
    if (!k.success)
      throw new VaultError(
        `unknown credential kind "${kind}"; kinds: ${CredentialKindSchema.options.join(', ')}`,
      )
    const parsed = parseCredentialFields(k.data, fields)
    if (!parsed.ok) throw new VaultError(parsed.message)
    const keyProblem = checkKeyMaterial(k.data, parsed.fields)
    if (keyProblem) throw new VaultError(keyProblem)
    if (!this.store)
      throw new VaultError('no OS keychain is configured; credentials cannot be stored')
    const stored = {
      v: 1,
      kind: k.data,
      fields: parsed.fields,
      updatedAt: new Date().toISOString(),
    }
    await this.store.write(name, JSON.stringify(stored))
  }

  async delete(name: string): Promise<boolean> {
    if (!this.store) throw new VaultError('no OS keychain is configured')
    return this.store.remove(name)
  }

  /** The credential for a probe, from the keychain or else the environment; undefined when unset. */
  async resolve(name: string, expected: CredentialKind): Promise<ResolvedCredential | undefined> {
    let keychainProblem: KeychainError | undefined
    if (this.store) {
      try {
        const raw = await this.store.read(name)
        if (raw !== undefined) {
          const stored = this.decode(name, raw)
          if (stored.kind !== expected)
            throw new VaultError(
              `credential \`${name}\` is a ${stored.kind} in the keychain, but the plan needs a ${expected}`,
            )
          return { name, kind: stored.kind, fields: stored.fields, source: 'keychain' }
        }
      } catch (e) {
        if (!(e instanceof KeychainError)) throw e
        keychainProblem = e
      }
    }
    const fromEnv = this.fromEnvironment(name, expected)
    if (fromEnv) return fromEnv
    if (keychainProblem) throw keychainProblem
    return undefined
  }

  private decode(
    name: string,
    raw: string,
  ): { kind: CredentialKind; fields: Record<string, unknown> } {
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      throw new VaultError(
        `credential \`${name}\` in the keychain is not a GoNoGo credential (not JSON); set it again`,
      )
    }
    const stored = StoredCredentialSchema.safeParse(json)
    if (!stored.success)
      throw new VaultError(`credential \`${name}\` in the keychain is malformed; set it again`)
    return { kind: stored.data.kind, fields: stored.data.fields }
  }

  private fromEnvironment(name: string, kind: CredentialKind): ResolvedCredential | undefined {
    const raw = this.env[envVarFor(name)]
    if (raw === undefined || raw === '') return undefined
    let fields: unknown
    if (kind === 'token' && !raw.trimStart().startsWith('{')) fields = { token: raw }
    else {
      try {
        fields = JSON.parse(raw)
      } catch {
        throw new VaultError(`${envVarFor(name)} must hold JSON fields for a ${kind} credential`)
      }
    }
    const parsed = parseCredentialFields(kind, fields)
    if (!parsed.ok) throw new VaultError(`${envVarFor(name)}: ${parsed.message}`)
    return { name, kind, fields: parsed.fields, source: 'environment' }
  }

  /** Names, kinds, set or missing, source and dates; never a value. `declared` adds the plan's credentials. */
  async list(declared: Record<string, { kind: CredentialKind }> = {}): Promise<CredentialInfo[]> {
    const infos = new Map<string, CredentialInfo>()
    let keychainProblem: string | undefined
    if (this.store) {
      try {
        for (const name of await this.store.names()) {
          if (name.startsWith('.')) continue
          try {
            const raw = await this.store.read(name)
            const stored = StoredCredentialSchema.parse(JSON.parse(raw ?? ''))
            infos.set(name, {
              name,
              kind: stored.kind,
              set: true,
              source: 'keychain',
              updatedAt: stored.updatedAt,
              ...(stored.verifiedAt !== undefined && { verifiedAt: stored.verifiedAt }),
            })
          } catch {
            infos.set(name, {
              name,
              set: false,
              problem: 'malformed value in the keychain; set it again',
            })
          }
        }
      } catch (e) {
        keychainProblem = e instanceof Error ? e.message : String(e)
      }
    }
    for (const [name, { kind }] of Object.entries(declared)) {
      if (infos.has(name)) continue
      const inEnv = this.env[envVarFor(name)]
      infos.set(name, {
        name,
        kind,
        set: Boolean(inEnv),
        ...(inEnv
          ? { source: 'environment' as const }
          : keychainProblem
            ? { problem: keychainProblem }
            : {}),
      })
    }
    return [...infos.values()].sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Record that a credential worked (a probe using it passed), for `secret list`. */
  async markVerified(name: string): Promise<void> {
    if (!this.store) return
    const raw = await this.store.read(name).catch(() => undefined)
    if (raw === undefined) return
    const stored = StoredCredentialSchema.safeParse(JSON.parse(raw))
    if (!stored.success) return
    await this.store.write(
      name,
      JSON.stringify({ ...stored.data, verifiedAt: new Date().toISOString() }),
    )
  }
}
