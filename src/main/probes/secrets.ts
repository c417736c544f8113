/** Where probes get credential values. The app reads the OS keychain; headless runs, the environment. */
export interface SecretSource {
  get(name: string): Promise<string | undefined>
  /** How a user sets this credential, for "not set" reasons. */
  hint(name: string): string
}

export function envVarFor(name: string): string {
  return `GONOGO_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`
}

/** `GONOGO_SECRET_<NAME>` variables, the way CI systems inject secrets. */
export function environmentSecrets(
  env: Readonly<Record<string, string | undefined>>,
): SecretSource {
  return {
    get: (name) => Promise.resolve(env[envVarFor(name)] || undefined),
    hint: (name) => `set ${envVarFor(name)}`,
  }
}
