import type { CredentialKind } from '../../shared/credentials'

/** A credential as probes use it: its kind and fields (values stay in the main process). */
export interface ProbeCredential {
  name: string
  kind: CredentialKind
  fields: Record<string, unknown>
  source: 'keychain' | 'environment' | 'demo'
}

/** Where probes get credentials. The app reads the OS keychain; headless runs also the environment. */
export interface SecretSource {
  /** Undefined when the credential is not set; throws (with an actionable message) when it cannot be read. */
  credential(name: string): Promise<ProbeCredential | undefined>
  /** How a user sets this credential, for "not set" reasons. */
  hint(name: string): string
}

export function envVarFor(name: string): string {
  return `GONOGO_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`
}

/** Fixed token credentials (the demo's public keys, tests). */
export function tokenSecrets(
  tokens: Readonly<Record<string, string>>,
  hint = (name: string) => `set ${envVarFor(name)}`,
): SecretSource {
  return {
    credential: (name) => {
      const token = tokens[name]
      return Promise.resolve(
        token === undefined
          ? undefined
          : { name, kind: 'token', fields: { token }, source: 'demo' },
      )
    },
    hint,
  }
}
