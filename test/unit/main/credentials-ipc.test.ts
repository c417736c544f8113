import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { MemorySecretStore } from '../../../src/main/secrets/secret-store'

const CANARY = 'sk_live_IPC_CANARY_0a9b8c7d'

describe('credentials over IPC', () => {
  it('lists, writes and deletes credentials; no response ever carries a value', async () => {
    const store = new MemorySecretStore()
    const handlers = createHandlers({
      resourcesDir: resolve('resources'),
      sessionsDir: resolve('.tmp/unit-sessions'),
      chooseSaveFile: async () => undefined,
      chooseOpenFile: async () => undefined,
      secretStore: store,
    })
    const payloads: unknown[] = []
    const call = async (channel: string, request: unknown) => {
      const response = await dispatch(handlers, channel, request)
      payloads.push(response)
      return response
    }
    await call('plan:load', { source: 'template', id: 'saas-launch' })
    expect(
      await call('credentials:set', { name: 'stripe', kind: 'token', fields: { token: CANARY } }),
    ).toEqual({ ok: true })
    expect(JSON.parse((await store.read('stripe')) ?? '{}')).toMatchObject({
      fields: { token: CANARY },
    })
    const list = (await call('credentials:list', {})) as {
      ok: true
      credentials: { name: string; set: boolean; source?: string }[]
    }
    expect(list.credentials.map((c) => [c.name, c.set, c.source])).toEqual([
      ['github', false, undefined],
      ['stripe', true, 'keychain'],
    ])
    expect(
      await call('credentials:set', { name: 'github', kind: 'basic', fields: { user: 'octocat' } }),
    ).toEqual({ ok: false, message: expect.stringContaining('basic: password:') })
    expect(await call('credentials:delete', { name: 'stripe' })).toEqual({
      ok: true,
      deleted: true,
    })
    expect(await call('credentials:delete', { name: 'stripe' })).toEqual({
      ok: true,
      deleted: false,
    })
    expect(JSON.stringify(payloads)).not.toContain(CANARY)
  })

  it('has no channel that reads a value back, and refuses malformed requests', async () => {
    const handlers = createHandlers({
      resourcesDir: resolve('resources'),
      sessionsDir: resolve('.tmp/unit-sessions'),
      chooseSaveFile: async () => undefined,
      chooseOpenFile: async () => undefined,
      secretStore: new MemorySecretStore(),
    })
    await expect(dispatch(handlers, 'credentials:get', { name: 'stripe' })).rejects.toThrow(
      'credentials:get: unknown channel',
    )
    await expect(
      dispatch(handlers, 'credentials:set', { name: 'Bad Name', kind: 'token', fields: {} }),
    ).rejects.toThrow(/credentials:set: invalid request: name/)
    await expect(dispatch(handlers, 'credentials:list', { reveal: true })).rejects.toThrow(
      /credentials:list: invalid request/,
    )
  })
})
