/**
 * Where credential values live. The app uses the OS keychain (keyring-store.ts); unit tests use
 * an in-memory store. Values are opaque strings (the vault stores one JSON document each).
 */
export interface SecretStore {
  /** A human name for messages: "the OS keychain (Secret Service)". */
  readonly label: string
  read(name: string): Promise<string | undefined>
  write(name: string, value: string): Promise<void>
  /** True when something was deleted. */
  remove(name: string): Promise<boolean>
  names(): Promise<string[]>
}

export type KeychainProblem = 'unavailable' | 'locked' | 'denied' | 'failed'

/** The keychain cannot be used; the message says what to do. Never contains a secret. */
export class KeychainError extends Error {
  constructor(
    readonly problem: KeychainProblem,
    message: string,
  ) {
    super(message)
    this.name = 'KeychainError'
  }
}

export class MemorySecretStore implements SecretStore {
  readonly label = 'an in-memory store (tests)'
  private readonly values = new Map<string, string>()
  read(name: string) {
    return Promise.resolve(this.values.get(name))
  }
  write(name: string, value: string) {
    this.values.set(name, value)
    return Promise.resolve()
  }
  remove(name: string) {
    return Promise.resolve(this.values.delete(name))
  }
  names() {
    return Promise.resolve([...this.values.keys()].sort())
  }
}
