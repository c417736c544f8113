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

describe('session channels', () => {
  it('every channel refuses garbage payloads by its schema', async () => {
    const { invokeChannels } = await import('../../../src/shared/ipc')
    for (const channel of Object.keys(invokeChannels))
      for (const garbage of [null, 42, 'x', [], { surprise: true }])
        if (JSON.stringify(garbage) !== '{}')
          await expect(dispatch(handlers, channel, garbage)).rejects.toThrow(
            new RegExp(`^${channel}: invalid request`),
          )
  })

  it('runs a session through the shared commands: marks, refusals with reasons, NO-GO', async () => {
    const { mkdtempSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const h = createHandlers({
      resourcesDir: resolve('resources'),
      sessionsDir: join(mkdtempSync(join(tmpdir(), 'gonogo-unit-')), 'sessions'),
      chooseSaveFile: async () => undefined,
      chooseOpenFile: async () => undefined,
    })
    expect(await dispatch(h, 'session:mark', { item: 'x', status: 'pass' })).toEqual({
      ok: false,
      message: 'start a session first',
    })
    await dispatch(h, 'plan:load', { source: 'template', id: 'saas-launch' })
    // The template declares staging and production: a session must say which it runs in.
    expect(await dispatch(h, 'session:start', { actor: 'Ada' })).toEqual({
      ok: false,
      message: 'the plan declares 2 environments (staging, production): choose one with --env NAME',
    })
    expect(await dispatch(h, 'session:start', { actor: 'Ada', environment: 'prod' })).toEqual({
      ok: false,
      message: 'unknown environment "prod": the plan declares staging, production',
    })
    const started = (await dispatch(h, 'session:start', {
      actor: 'Ada',
      environment: 'staging',
    })) as {
      ok: boolean
      view: { verdict: string; environment: string; items: { id: string }[] }
    }
    expect(started.ok).toBe(true)
    expect(started.view.environment).toBe('staging')
    expect(started.view.verdict).toBe('NOT_READY')
    const first = started.view.items[0]!.id
    const typo = (await dispatch(h, 'session:mark', {
      item: `${first}x`,
      status: 'pass',
    })) as { ok: boolean; message: string }
    expect(typo.message).toMatch(/no item .* in the plan \(did you mean/)
    const marked = (await dispatch(h, 'session:mark', { item: first, status: 'pass' })) as {
      view: { items: { id: string; status: string }[] }
    }
    expect(marked.view.items.find((i) => i.id === first)!.status).toBe('pass')
    const go = (await dispatch(h, 'session:decide', { decision: 'GO', reason: 'ship it' })) as {
      ok: boolean
      message: string
      reasons: string[]
    }
    expect(go).toMatchObject({ ok: false, message: 'GO is refused: the session is NOT_READY' })
    expect(go.reasons.length).toBeGreaterThan(0)
    const nogo = (await dispatch(h, 'session:decide', {
      decision: 'NO-GO',
      reason: 'not today',
    })) as { ok: boolean; view: { decision: { decision: string } } }
    expect(nogo.view.decision.decision).toBe('NO-GO')
    // Export without a save path is a cancel, not an error.
    expect(await dispatch(h, 'record:export', {})).toEqual({
      ok: false,
      cancelled: true,
      message: 'export cancelled',
    })
  })
})
