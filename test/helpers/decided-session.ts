import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { gonogo } from './cli'
import { makeCompanyPki, type CompanyPki } from './company-pki'
import { startKeyringDaemon } from './keyring'

/** Where the record-signing tests start: a company PKI, a keyring and a session decided Go. */
export interface DecidedSession {
  dir: string
  /** The session, started on a one-item plan, its item passed and Go decided. */
  session: string
  pki: CompanyPki
  /** For the CLI: the private keyring, GoNoGo's own local PKI in `dir`, the actor. */
  env: NodeJS.ProcessEnv
  /** GoNoGo's local root CA, made the first time a record is signed without --cert. */
  localRoot: string
  /** Stops the keyring and removes `dir`. */
  dispose: () => void
}

/** Call in beforeAll (it spawns the built CLI and a keyring daemon); dispose in afterAll. */
export async function startDecidedSession(
  prefix: string,
  planName: string,
): Promise<DecidedSession> {
  const keyring = await startKeyringDaemon()
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const dispose = () => {
    keyring.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const pki = makeCompanyPki(dir)
    const localPki = join(dir, 'local-pki')
    const env = {
      DBUS_SESSION_BUS_ADDRESS: keyring.address,
      GONOGO_PKI_DIR: localPki,
      GONOGO_ACTOR: 'Ada Lovelace',
    }
    const plan = join(dir, 'plan.yaml')
    writeFileSync(
      plan,
      `name: ${planName}\nphases:\n  - id: go\n    title: Go\n    items:\n      - { id: smoke, title: Smoke test passed }\n`,
    )
    const session = join(dir, 'session')
    for (const args of [
      ['session', 'new', plan, session],
      ['mark', session, 'smoke', 'pass'],
      ['decide', session, 'go', '--reason', 'smoke test passed'],
    ])
      expect(gonogo(args, { env }).code).toBe(0)
    return { dir, session, pki, env, localRoot: join(localPki, 'gonogo-root-ca.pem'), dispose }
  } catch (e) {
    dispose()
    throw e
  }
}
