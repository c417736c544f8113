import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  KeychainError,
  MemorySecretStore,
  type SecretStore,
} from '../../../src/main/secrets/secret-store'
import { Vault } from '../../../src/main/secrets/vault'

const CANARY = 'tok_CANARY_4c1f8e2d9b7a'
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString()
const ecOther = generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString()
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString()

describe('vault', () => {
  it('stores one JSON value per credential and reads it back with its source', async () => {
    const store = new MemorySecretStore()
    const vault = new Vault(store, {})
    await vault.set('stripe', 'token', { token: CANARY })
    expect(JSON.parse((await store.read('stripe')) ?? '')).toMatchObject({
      v: 1,
      kind: 'token',
      fields: { token: CANARY },
    })
    expect(await vault.resolve('stripe', 'token')).toEqual({
      name: 'stripe',
      kind: 'token',
      fields: { token: CANARY },
      source: 'keychain',
    })
  })

  it('validates names, kinds and fields, naming the field and never the value', async () => {
    const vault = new Vault(new MemorySecretStore(), {})
    await expect(vault.set('Bad Name', 'token', { token: 'x' })).rejects.toThrow(
      '"Bad Name" is not a credential name',
    )
    await expect(vault.set('a', 'password', { token: 'x' })).rejects.toThrow(
      'unknown credential kind "password"',
    )
    await expect(vault.set('a', 'basic', { user: 'alice' })).rejects.toThrow('basic: password:')
    await expect(vault.set('a', 'header', { name: 'X Bad', value: CANARY })).rejects.toThrow(
      /header: name: expected an HTTP header name/,
    )
    await expect(vault.set('a', 'header', { name: 'X Bad', value: CANARY })).rejects.not.toThrow(
      CANARY,
    )
  })

  it('checks .p8 and service-account keys before storing them', async () => {
    const vault = new Vault(new MemorySecretStore(), {})
    await vault.set('asc', 'appstore-connect', {
      issuerId: 'i',
      keyId: '2X9R4HXF34',
      privateKey: ec,
    })
    await expect(
      vault.set('asc', 'appstore-connect', {
        issuerId: 'i',
        keyId: '2X9R4HXF34',
        privateKey: ecOther,
      }),
    ).rejects.toThrow('is not a P-256 (ES256) key')
    await expect(
      vault.set('asc', 'appstore-connect', { issuerId: 'i', keyId: 'short', privateKey: ec }),
    ).rejects.toThrow('keyId: expected a 10-character key id')
    await vault.set('play', 'google-service-account', {
      type: 'service_account',
      client_email: 'ci@proj.iam.gserviceaccount.com',
      private_key: rsa,
      project_id: 'proj',
    })
    await expect(
      vault.set('play', 'google-service-account', {
        type: 'service_account',
        client_email: 'ci@proj.iam.gserviceaccount.com',
        private_key: ec,
      }),
    ).rejects.toThrow('private_key is not an RSA key')
    await expect(
      vault.set('play', 'google-service-account', { type: 'service_account', private_key: rsa }),
    ).rejects.toThrow('client_email')
  })

  it('takes GONOGO_SECRET_* when the keychain has nothing, and the keychain wins when both exist', async () => {
    const store = new MemorySecretStore()
    const env = {
      GONOGO_SECRET_GITHUB: 'from-env',
      GONOGO_SECRET_SMTP_LOGIN: JSON.stringify({ user: 'mailer', password: CANARY }),
    }
    const vault = new Vault(store, env)
    expect(await vault.resolve('github', 'token')).toMatchObject({
      source: 'environment',
      fields: { token: 'from-env' },
    })
    expect(await vault.resolve('smtp-login', 'basic')).toMatchObject({
      source: 'environment',
      fields: { user: 'mailer', password: CANARY },
    })
    await vault.set('github', 'token', { token: 'from-keychain' })
    expect(await vault.resolve('github', 'token')).toMatchObject({
      source: 'keychain',
      fields: { token: 'from-keychain' },
    })
    expect(await vault.resolve('nothing', 'token')).toBeUndefined()
    await expect(
      new Vault(store, { GONOGO_SECRET_X: 'not json' }).resolve('x', 'basic'),
    ).rejects.toThrow('GONOGO_SECRET_X must hold JSON fields for a basic credential')
  })

  it('refuses a keychain credential of another kind than the plan declares', async () => {
    const vault = new Vault(new MemorySecretStore(), {})
    await vault.set('github', 'token', { token: 'x' })
    await expect(vault.resolve('github', 'basic')).rejects.toThrow(
      'credential `github` is a token in the keychain, but the plan needs a basic',
    )
  })

  it('an unreadable keychain falls back to the environment, else says why', async () => {
    const broken: SecretStore = {
      label: 'broken',
      read: () => Promise.reject(new KeychainError('locked', 'The OS keychain is locked')),
      write: () => Promise.reject(new KeychainError('locked', 'The OS keychain is locked')),
      remove: () => Promise.resolve(false),
      names: () => Promise.reject(new KeychainError('locked', 'The OS keychain is locked')),
    }
    expect(
      await new Vault(broken, { GONOGO_SECRET_GITHUB: 'x' }).resolve('github', 'token'),
    ).toMatchObject({ source: 'environment' })
    await expect(new Vault(broken, {}).resolve('github', 'token')).rejects.toThrow(
      'The OS keychain is locked',
    )
    const list = await new Vault(broken, {}).list({ github: { kind: 'token' } })
    expect(list).toEqual([
      { name: 'github', kind: 'token', set: false, problem: 'The OS keychain is locked' },
    ])
  })

  it('lists names, kinds, set or missing and sources, never a value', async () => {
    const vault = new Vault(new MemorySecretStore(), { GONOGO_SECRET_RESEND: CANARY })
    await vault.set('stripe', 'token', { token: CANARY })
    await vault.markVerified('stripe')
    const list = await vault.list({ resend: { kind: 'token' }, sentry: { kind: 'token' } })
    expect(list.map((i) => [i.name, i.set, i.source])).toEqual([
      ['resend', true, 'environment'],
      ['sentry', false, undefined],
      ['stripe', true, 'keychain'],
    ])
    expect(list.find((i) => i.name === 'stripe')?.verifiedAt).toMatch(/^\d{4}-/)
    expect(JSON.stringify(list)).not.toContain(CANARY)
  })
})
