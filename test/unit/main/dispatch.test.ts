import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/ipc/dispatch'
import { createHandlers } from '../../../src/main/ipc/handlers'

const handlers = createHandlers({
  resourcesDir: resolve('resources'),
  sessionsDir: resolve('.tmp/unit-sessions'),
  chooseSaveFile: async () => undefined,
  chooseOpenFile: async () => undefined,
})

describe('IPC dispatch', () => {
  it('serves a template through the contract', async () => {
    const r = (await dispatch(handlers, 'plan:load', {
      source: 'template',
      id: 'saas-launch',
    })) as { ok: boolean; value: { plan: { name: string } } }
    expect(r.ok).toBe(true)
    expect(r.value.plan.name).toBe('SaaS launch day')
  })

  it('rejects unknown channels and payloads that fail their schema, naming the field', async () => {
    await expect(dispatch(handlers, 'secret:read', {})).rejects.toThrow(
      'secret:read: unknown channel',
    )
    await expect(
      dispatch(handlers, 'plan:load', { source: 'template', id: '../../etc/passwd' }),
    ).rejects.toThrow(/plan:load: invalid request: id/)
    await expect(dispatch(handlers, 'plan:load', { source: 'shell', cmd: 'rm' })).rejects.toThrow(
      /plan:load: invalid request: source/,
    )
    await expect(dispatch(handlers, 'plan:templates', { extra: 1 })).rejects.toThrow(
      /plan:templates: invalid request/,
    )
    await expect(dispatch(handlers, 'plan:load', null)).rejects.toThrow(/invalid request/)
  })

  it('a cancelled dialog is a normal answer, a missing file a positioned error', async () => {
    expect(await dispatch(handlers, 'plan:load', { source: 'dialog' })).toEqual({
      ok: false,
      cancelled: true,
      errors: [],
    })
    expect(
      await dispatch(handlers, 'plan:load', { source: 'file', path: '/nonexistent/plan.yaml' }),
    ).toEqual({
      ok: false,
      errors: [{ file: '/nonexistent/plan.yaml', path: '', message: 'no such file' }],
    })
  })
})
