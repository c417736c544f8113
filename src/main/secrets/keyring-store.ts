import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring'
import { KeychainError, type SecretStore } from './secret-store'

export const KEYCHAIN_SERVICE = 'gonogo'

/**
 * Never fall back to the kernel keyring (or anything else) on Linux: a credential stored where
 * the user does not expect it is worse than a clear refusal.
 */
const OPTIONS = { linux: { store: 'secret-service' as const } }

const HEADLESS_HINT = 'or use GONOGO_SECRET_* variables for headless runs'

/** Turn the keyring library's platform errors into one actionable sentence each. */
export function keychainError(e: unknown): KeychainError {
  const text = e instanceof Error ? e.message : String(e)
  if (
    /DBUS_SESSION_BUS_ADDRESS|was not provided by any \.service files|ServiceUnknown|NameHasNoOwner|no secret service|Failed to connect to socket|Could not connect/i.test(
      text,
    )
  )
    return new KeychainError(
      'unavailable',
      `No OS keychain is available: the Secret Service is not running. Start gnome-keyring or KeePassXC's Secret Service, ${HEADLESS_HINT}.`,
    )
  if (/prompt was dismissed|is locked|locked collection|unlock/i.test(text))
    return new KeychainError(
      'locked',
      `The OS keychain is locked and could not be unlocked here: unlock your login keyring (log in to the desktop session, or run gnome-keyring-daemon --unlock), ${HEADLESS_HINT}.`,
    )
  if (/denied|not allowed|permission/i.test(text))
    return new KeychainError(
      'denied',
      `Access to the OS keychain was denied: allow GoNoGo in the keychain prompt, ${HEADLESS_HINT}.`,
    )
  return new KeychainError('failed', `The OS keychain failed: ${text.split('\n')[0] ?? text}`)
}

/** The OS keychain through @napi-rs/keyring: service `gonogo`, one account per credential name. */
export class KeyringSecretStore implements SecretStore {
  readonly label = 'the OS keychain (Secret Service)'

  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  private entry(name: string): AsyncEntry {
    return new AsyncEntry(this.service, name, OPTIONS)
  }

  async read(name: string): Promise<string | undefined> {
    try {
      return (await this.entry(name).getPassword()) ?? undefined
    } catch (e) {
      throw keychainError(e)
    }
  }

  async write(name: string, value: string): Promise<void> {
    try {
      await this.entry(name).setPassword(value)
    } catch (e) {
      throw keychainError(e)
    }
  }

  async remove(name: string): Promise<boolean> {
    try {
      return await this.entry(name).deleteCredential()
    } catch (e) {
      throw keychainError(e)
    }
  }

  async names(): Promise<string[]> {
    try {
      // The search alone would quietly look elsewhere without a Secret Service: touch it first.
      await this.entry('.gonogo-reachable').getPassword()
      // The library hands back values too; only the account names leave this function.
      return (await findCredentialsAsync(this.service)).map((c) => c.account).sort()
    } catch (e) {
      throw keychainError(e)
    }
  }
}
