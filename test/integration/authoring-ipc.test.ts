import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoTarget, type DemoTarget } from '../../src/main/demo/server'
import { dispatch } from '../../src/main/ipc/dispatch'
import { AppServices, createHandlers } from '../../src/main/ipc/handlers'
import { loadPlanFile } from '../../src/main/plans/plan-files'
import type { AuthoringState } from '../../src/shared/ipc-authoring'

/**
 * The authoring channels through the real handlers and the contract's dispatch (the loopback
 * transport's path): garbage is refused with a message naming what is wrong, and a checklist
 * becomes a saved plan with live checks that a new session runs.
 */

const FIXTURES = resolve('test/fixtures/authoring')
const scratch = mkdtempSync(join(tmpdir(), 'gonogo-authoring-ipc-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

type Reply = Record<string, unknown> & { ok?: boolean; message?: string; state?: AuthoringState }

function window(saveTo: () => string | undefined = () => undefined) {
  /** What main asked the save dialog: the default name, the purpose, the folder to start in. */
  const asked: unknown[][] = []
  const deps = {
    resourcesDir: resolve('resources'),
    sessionsDir: join(scratch, 'sessions'),
    chooseOpenFile: async () => undefined,
    chooseSaveFile: async (...args: unknown[]) => {
      asked.push(args)
      return saveTo()
    },
  }
  const services = new AppServices(deps)
  const handlers = createHandlers(deps, services)
  const call = (channel: string, request: unknown) =>
    dispatch(handlers, channel, request) as Promise<Reply>
  return { services, call, asked }
}

describe('authoring channels refuse garbage', () => {
  const { services, call } = window()
  beforeAll(async () => {
    expect(await call('authoring:state', {})).toMatchObject({
      ok: false,
      message: 'open a plan first',
    })
    const opened = await call('plan:load', {
      source: 'file',
      path: join(FIXTURES, 'commented-plan.yaml'),
    })
    expect(opened.ok).toBe(true)
  })
  afterAll(() => services.dispose())

  const big = { kind: 'http', url: 'http://127.0.0.1:9/', body: 'x'.repeat(300 * 1024) }
  const rejected: [string, unknown, RegExp][] = [
    ['authoring:state', { extra: 1 }, /invalid request: .*(unrecognized|extra|Unrecognized)/i],
    ['authoring:decide', { decisions: [] }, /invalid request: decisions/],
    [
      'authoring:decide',
      { decisions: [{ item: '../../etc/passwd', decision: 'accepted' }] },
      /invalid request: decisions\.0\.item: expected an id/,
    ],
    [
      'authoring:decide',
      { decisions: [{ item: 'health', decision: 'maybe' }] },
      /invalid request: decisions\.0\.decision/,
    ],
    ['authoring:set-check', { item: 'health', probe: 'GET /' }, /invalid request: probe/],
    ['authoring:set-check', { item: 'health', probe: big }, /probe is larger than 256 KiB/],
    ['authoring:set-check', { item: 'a/../b', probe: null }, /invalid request: item/],
    ['authoring:set-check', { item: 'health', path: '/tmp/x' }, /invalid request/],
    ['authoring:set-var', { name: '1bad', value: 'x' }, /invalid request: name/],
    ['authoring:set-var', { name: 'api_url', value: 5 }, /invalid request: value/],
    [
      'authoring:set-var',
      { name: 'api_url', environment: '../prod', value: 'x' },
      /invalid request: environment/,
    ],
    ['authoring:set-environment', { environment: 'Prod!' }, /invalid request: environment/],
    ['authoring:declare-credential', { name: 'UPPER', kind: 'token' }, /invalid request: name/],
    ['authoring:declare-credential', { name: 'ok', kind: 'password' }, /invalid request: kind/],
    ['authoring:presets', { all: true }, /invalid request/],
    ['authoring:try', { item: '../x' }, /invalid request: item/],
    ['authoring:try', { item: 'health', probe: big }, /probe is larger than 256 KiB/],
    ['authoring:save', { path: join(scratch, 'evil.yaml') }, /invalid request/],
    [
      'authoring:update-preview',
      { source: 'file', path: '/etc/passwd' },
      /invalid request: source/,
    ],
    ['authoring:update-preview', { source: 'text', name: '', text: 'x' }, /invalid request: name/],
    ['authoring:update-apply', { token: '../1' }, /invalid request: token/],
    ['authoring:open-edited', { path: '/etc/passwd' }, /invalid request/],
  ]
  it.each(rejected)('%s refuses garbage (%#)', async (channel, request, message) => {
    await expect(call(channel, request)).rejects.toThrow(message)
  })

  it('refuses an unknown item, an undeclared environment or var, a bad probe, naming them', async () => {
    const cases: [string, unknown, RegExp][] = [
      [
        'authoring:decide',
        { decisions: [{ item: 'ghost', decision: 'accepted' }] },
        /no item "ghost"/,
      ],
      [
        'authoring:decide',
        { decisions: [{ item: 'health', decision: 'accepted' }] },
        /"health" has no drafted checks/,
      ],
      ['authoring:set-check', { item: 'ghost', probe: null }, /no item "ghost"/],
      ['authoring:set-check', { item: 'health' }, /nothing to set/],
      ['authoring:try', { item: 'ghost' }, /no item "ghost"/],
      ['authoring:try', { item: 'briefing' }, /"briefing" has no probe/],
      [
        'authoring:set-environment',
        { environment: 'prod' },
        /unknown environment "prod": the plan declares staging/,
      ],
      [
        'authoring:set-var',
        { name: 'api_url', environment: 'prod', value: 'x' },
        /unknown environment "prod"/,
      ],
      ['authoring:set-var', { name: 'ghost_var', value: null }, /declares no var "ghost_var"/],
      ['authoring:update-apply', { token: 'update-99' }, /no longer current/],
      [
        'authoring:set-check',
        { item: 'health', probe: { kind: 'http', url: 5 } },
        /probe of "health" is not valid/,
      ],
      [
        'authoring:set-check',
        { item: 'health', probe: { kind: 'preset', preset: 'nope.nothing', credential: 'x' } },
        /preset/,
      ],
    ]
    for (const [channel, request, message] of cases) {
      const reply = await call(channel, request)
      expect(reply.ok, `${channel} ${JSON.stringify(request)}`).toBe(false)
      expect(reply.message, channel).toMatch(message)
      expect(JSON.stringify(reply)).not.toMatch(/\n\s+at |Error:/)
    }
    expect(await call('authoring:open-edited', {})).toEqual({
      ok: false,
      errors: [{ file: '', path: '', message: 'save the edited plan first' }],
    })
  })

  it('a CEL condition that does not compile comes back with its offset; nothing changes', async () => {
    const before = (await call('authoring:state', {})).state!
    const reply = await call('authoring:set-check', {
      item: 'health',
      probe: {
        kind: 'http',
        url: '${vars.api_url}/health',
        expect: ['status == 200', 'body.status = "ok"'],
      },
    })
    expect(reply).toMatchObject({
      ok: false,
      errors: [{ path: 'expect[1]', offset: expect.any(Number) }],
    })
    const undeclared = await call('authoring:set-check', {
      item: 'health',
      probe: { kind: 'http', url: '${vars.nowhere}/health' },
    })
    expect(undeclared).toMatchObject({
      ok: false,
      errors: [{ path: 'url', message: expect.stringContaining('unknown var "nowhere"') }],
    })
    expect((await call('authoring:state', {})).state!.hash).toBe(before.hash)
  })
})

describe('authoring a checklist into a plan that a new session runs', () => {
  let target: DemoTarget
  let saveTo: string | undefined
  const { services, call, asked } = window(() => saveTo)
  beforeAll(async () => {
    target = await startDemoTarget()
  })
  afterAll(async () => {
    await services.dispose()
    await target.close()
  })

  it('drafts → accept two → set a var → Try pass, fault fail → save → reopen → session', async () => {
    const opened = await call('plan:load', {
      source: 'file',
      path: join(FIXTURES, 'launch-checklist.md'),
    })
    expect(opened.ok).toBe(true)
    const first = (await call('authoring:state', {})).state!
    expect(first.source).toEqual({ name: 'launch-checklist.md', kind: 'checklist' })
    const drafted = first.items.filter((i) => i.suggestion?.drafts.length)
    expect(drafted.map((i) => i.suggestion!.drafts[0]!.rule)).toEqual(['http', 'headers'])
    const [health, headers] = drafted.map((i) => i.id) as [string, string]

    const accepted = (
      await call('authoring:decide', {
        decisions: [
          { item: health, decision: 'accepted' },
          { item: headers, decision: 'accepted', draft: 0 },
        ],
      })
    ).state!
    expect(accepted.items.find((i) => i.id === health)).toMatchObject({
      check: 'draft',
      edited: true,
      probe: { kind: 'http', url: '${vars.api_url}/health' },
      missing: [{ type: 'var', name: 'api_url' }],
      suggestion: { decision: 'accepted', accepted: 0 },
    })
    expect(accepted.vars.map((v) => v.name)).toEqual(['api_url', 'site_url'])
    expect(accepted.dirty).toBe(true)
    expect(accepted.hash).not.toBe(accepted.savedHash)

    const withVar = (await call('authoring:set-var', { name: 'api_url', value: target.url })).state!
    expect(withVar.items.find((i) => i.id === health)!.check).toBe('ready')
    expect(withVar.vars[0]).toMatchObject({ name: 'api_url', default: target.url, used: true })
    const site = await call('authoring:set-var', { name: 'site_url', value: target.url })
    expect(site.state!.items.every((i) => i.check !== 'draft')).toBe(true)

    const pass = await call('authoring:try', { item: health })
    expect(pass).toMatchObject({ ok: true, result: { item: health, status: 'pass' } })
    const result = pass.result as { completions: string[]; conditions: { pass: boolean }[] }
    expect(result.conditions.every((c) => c.pass)).toBe(true)
    expect(result.completions).toEqual(
      expect.arrayContaining([
        'status',
        'body.status',
        'body.checks.migrations.pending',
        'headers.server',
      ]),
    )
    target.setFaults(['db-down'])
    const fail = await call('authoring:try', { item: health })
    expect(fail).toMatchObject({ ok: true, result: { status: 'fail' } })
    expect((fail.result as { reason: string }).reason).toContain('503 == 200')
    target.setFaults([])
    // Try wrote nothing: no latest result for the drawer.
    expect(await call('probes:evidence', { item: health })).toEqual({ evidence: null })

    saveTo = join(scratch, 'launch.gonogo.yaml')
    const saved = await call('authoring:save', {})
    expect(saved).toMatchObject({ ok: true, file: 'launch.gonogo.yaml' })
    // The native dialog suggests the checklist's stem, for a plan, beside the checklist.
    expect(asked).toEqual([['launch-checklist.gonogo.yaml', 'plan', FIXTURES]])
    const state = saved.state!
    expect(state).toMatchObject({
      dirty: false,
      savedTo: 'launch.gonogo.yaml',
      sessionOnOtherPlan: false,
    })
    const reloaded = await loadPlanFile(saveTo)
    expect(reloaded.ok && reloaded.value.hash).toBe(state.hash)
    const items = reloaded.ok ? reloaded.value.plan.phases.flatMap((p) => p.items) : []
    expect(items.find((i) => i.id === health)?.probe).toMatchObject({ kind: 'http' })
    expect(items.find((i) => i.id === headers)?.probe).toMatchObject({ kind: 'headers' })
    // The saved plan is the open one now (no session ran on the old one).
    expect(services.plan?.hash).toBe(state.hash)

    const reopened = await call('authoring:open-edited', {})
    expect(reopened).toMatchObject({ ok: true, value: { hash: state.hash } })
    const session = await call('session:start', { actor: 'Ada' })
    expect(session.ok).toBe(true)
    const run = await call('probes:run', { only: health })
    expect(run, JSON.stringify(run)).toMatchObject({ ok: true })
    for (let i = 0; i < 100 && !services.latestProbe.has(health); i++)
      await new Promise((r) => setTimeout(r, 50))
    expect(services.latestProbe.get(health)?.status).toBe('pass')
  })
})

describe('saving an edited YAML plan', () => {
  it('changes only the edited probe: comments, order and everything else stay', async () => {
    const original = join(scratch, 'commented.yaml')
    copyFileSync(join(FIXTURES, 'commented-plan.yaml'), original)
    const saveTo = join(scratch, 'commented-saved.yaml')
    const { services, call } = window(() => saveTo)
    try {
      expect((await call('plan:load', { source: 'file', path: original })).ok).toBe(true)
      const edited = await call('authoring:set-check', {
        item: 'health',
        probe: {
          kind: 'http',
          url: '${vars.api_url}/health',
          expect: ['status == 200', 'body.status in ["ok", "degraded"]'],
        },
      })
      expect(edited.ok).toBe(true)
      const shown = edited.state!.hash
      const saved = await call('authoring:save', {})
      expect(saved.ok).toBe(true)
      const before = readFileSync(original, 'utf8').split('\n')
      const after = readFileSync(saveTo, 'utf8').split('\n')
      let head = 0
      while (head < before.length && before[head] === after[head]) head++
      let tail = 0
      while (
        tail < before.length - head &&
        before[before.length - 1 - tail] === after[after.length - 1 - tail]
      )
        tail++
      const removed = before.slice(head, before.length - tail)
      const added = after.slice(head, after.length - tail)
      // Only the probe's lines differ, and they sit where the probe was.
      const probeStart = before.indexOf('        probe:')
      expect(head).toBeGreaterThanOrEqual(probeStart)
      expect(before.length - tail).toBeLessThanOrEqual(probeStart + 6)
      expect(removed.join('\n')).toContain('status == 200 # must be up')
      expect(added.join('\n')).toContain('body.status in ["ok", "degraded"]')
      expect(after.filter((l) => l.includes('#')).length).toBe(
        before.filter((l) => l.includes('#')).length - 1,
      )
      const reloaded = await loadPlanFile(saveTo)
      expect(reloaded.ok && reloaded.value.hash).toBe(shown)
    } finally {
      await services.dispose()
    }
  })

  it('shows probes as the file writes them; sending one back unchanged changes no byte', async () => {
    const original = join(scratch, 'commented-0.yaml')
    copyFileSync(join(FIXTURES, 'commented-plan.yaml'), original)
    const saveTo = join(scratch, 'commented-0-saved.yaml')
    const { services, call } = window(() => saveTo)
    try {
      await call('plan:load', { source: 'file', path: original })
      const state = (await call('authoring:state', {})).state!
      const health = state.items.find((i) => i.id === 'health')!
      expect(health.probe).toEqual({
        kind: 'http',
        url: '${vars.api_url}/health',
        expect: ['status == 200', 'body.status == "ok"'],
      })
      expect((await call('authoring:set-check', { item: 'health', probe: health.probe })).ok).toBe(
        true,
      )
      expect((await call('authoring:save', {})).ok).toBe(true)
      expect(readFileSync(saveTo, 'utf8')).toBe(readFileSync(original, 'utf8'))
    } finally {
      await services.dispose()
    }
  })

  it('an environment value, a var default and a new credential change only their lines', async () => {
    const original = join(scratch, 'commented-2.yaml')
    copyFileSync(join(FIXTURES, 'commented-plan.yaml'), original)
    const saveTo = join(scratch, 'commented-2-saved.yaml')
    const { services, call } = window(() => saveTo)
    try {
      await call('plan:load', { source: 'file', path: original })
      expect(
        (
          await call('authoring:set-var', {
            name: 'api_url',
            environment: 'staging',
            value: 'https://staging.example.com',
          })
        ).ok,
      ).toBe(true)
      expect(
        (await call('authoring:set-var', { name: 'site_url', value: 'https://example.com' })).ok,
      ).toBe(true)
      const last = await call('authoring:declare-credential', {
        name: 'status_token',
        kind: 'token',
        help: 'read-only',
      })
      expect(last.ok).toBe(true)
      expect((await call('authoring:save', {})).ok).toBe(true)
      const text = readFileSync(saveTo, 'utf8')
      const before = readFileSync(original, 'utf8')
      // The value changes; the comment after it stays.
      expect(text).toContain('      api_url: https://staging.example.com # staging API\n')
      expect(text).toContain('    default: https://example.com\n')
      expect(text).toContain(
        'credentials:\n  status_token:\n    kind: token\n    help: read-only\n',
      )
      // Every comment of the original is still there, in order.
      const comments = (s: string) =>
        s
          .split('\n')
          .map((l) => /#.*/.exec(l)?.[0])
          .filter(Boolean)
      expect(comments(text)).toEqual(comments(before))
      const reloaded = await loadPlanFile(saveTo)
      expect(reloaded.ok && reloaded.value.hash).toBe(last.state!.hash)
    } finally {
      await services.dispose()
    }
  })

  it('a session running on the old plan is not changed: the window is told', async () => {
    const original = join(scratch, 'commented-3.yaml')
    copyFileSync(join(FIXTURES, 'commented-plan.yaml'), original)
    const saveTo = join(scratch, 'commented-3-saved.yaml')
    const { services, call } = window(() => saveTo)
    try {
      await call('plan:load', { source: 'file', path: original })
      expect((await call('session:start', { actor: 'Ada', environment: 'staging' })).ok).toBe(true)
      const plan = services.plan
      const session = services.session
      expect(
        (
          await call('authoring:set-check', {
            item: 'briefing',
            probe: { kind: 'http', url: '${vars.api_url}/brief' },
          })
        ).ok,
      ).toBe(true)
      const saved = await call('authoring:save', {})
      expect(saved).toMatchObject({ ok: true, state: { sessionOnOtherPlan: true, dirty: false } })
      expect(services.plan).toBe(plan)
      expect(services.session).toBe(session)
      expect(services.session?.state.planHash).toBe(plan?.hash)
      const reopened = await call('authoring:open-edited', {})
      expect(reopened).toMatchObject({ ok: true, value: { hash: saved.state!.hash } })
      expect(services.session).toBeUndefined()
    } finally {
      await services.dispose()
    }
  })
})

describe('update from checklist', () => {
  it('previews the merge, applies it by token, and a save keeps the plan’s comments', async () => {
    const merge = resolve('test/fixtures/merge')
    const original = join(scratch, 'launch-plan.yaml')
    copyFileSync(join(merge, 'launch-plan.yaml'), original)
    const saveTo = join(scratch, 'launch-plan-updated.yaml')
    const { services, call } = window(() => saveTo)
    try {
      expect((await call('plan:load', { source: 'file', path: original })).ok).toBe(true)
      expect(await call('authoring:update-preview', { source: 'dialog' })).toMatchObject({
        ok: false,
        cancelled: true,
      })
      const broken = await call('authoring:update-preview', {
        source: 'text',
        name: 'empty.md',
        text: '',
      })
      expect(broken).toMatchObject({ ok: false, cancelled: false })
      expect(broken.message).toMatch(/empty\.md/)
      const text = readFileSync(join(merge, 'launch-v2.md'), 'utf8')
      const first = await call('authoring:update-preview', {
        source: 'text',
        name: 'launch-v2.md',
        text,
      })
      const second = await call('authoring:update-preview', {
        source: 'text',
        name: 'launch-v2.md',
        text,
      })
      const preview = second.preview as {
        token: string
        added: { id: string }[]
        summary: string[]
      }
      expect(preview.summary[0]).toMatch(/^matched \d+ item/)
      expect(preview.added.length).toBeGreaterThan(0)
      // Only the latest preview can be applied.
      const stale = await call('authoring:update-apply', {
        token: (first.preview as { token: string }).token,
      })
      expect(stale).toMatchObject({
        ok: false,
        message: expect.stringContaining('no longer current'),
      })
      const applied = await call('authoring:update-apply', { token: preview.token, suggest: false })
      expect(applied.ok, applied.message).toBe(true)
      const state = applied.state!
      for (const { id } of preview.added) expect(state.items.map((i) => i.id)).toContain(id)
      expect(state.dirty).toBe(true)
      expect((await call('authoring:update-apply', { token: preview.token })).ok).toBe(false)
      const saved = await call('authoring:save', {})
      expect(saved.ok, String(saved.message)).toBe(true)
      const written = readFileSync(saveTo, 'utf8')
      expect(written).toContain('# The one probe everybody watches.')
      const reloaded = await loadPlanFile(saveTo)
      expect(reloaded.ok && reloaded.value.hash).toBe(state.hash)
    } finally {
      await services.dispose()
    }
  })
})

describe('update from checklist with prune', () => {
  it('an item edited in the window and then pruned is simply gone from the saved plan', async () => {
    const merge = resolve('test/fixtures/merge')
    const original = join(scratch, 'launch-plan-prune.yaml')
    copyFileSync(join(merge, 'launch-plan.yaml'), original)
    const saveTo = join(scratch, 'launch-plan-pruned.yaml')
    const { services, call } = window(() => saveTo)
    try {
      expect((await call('plan:load', { source: 'file', path: original })).ok).toBe(true)
      const text = readFileSync(join(merge, 'launch-v2.md'), 'utf8')
      const preview = (
        await call('authoring:update-preview', { source: 'text', name: 'v2.md', text })
      ).preview as { token: string; removed: { id: string }[] }
      const gone = preview.removed[0]!.id
      const edited = await call('authoring:set-check', {
        item: gone,
        probe: { kind: 'dns', name: 'gone.acme.test' },
      })
      expect(edited.ok, String(edited.message)).toBe(true)
      // The edit changed the plan: preview again, then apply with prune.
      const again = (
        await call('authoring:update-preview', { source: 'text', name: 'v2.md', text })
      ).preview as { token: string; removed: { id: string; hasCheck: boolean }[] }
      expect(again.removed.find((r) => r.id === gone)).toEqual(
        expect.objectContaining({ hasCheck: true }),
      )
      const applied = await call('authoring:update-apply', { token: again.token, prune: true })
      expect(applied.ok, String(applied.message)).toBe(true)
      expect(applied.state!.items.map((i) => i.id)).not.toContain(gone)
      const saved = await call('authoring:save', {})
      expect(saved.ok, String(saved.message)).toBe(true)
      const written = readFileSync(saveTo, 'utf8')
      expect(written).not.toContain(`id: ${gone}`)
      expect(written).not.toContain('gone.acme.test')
      const reloaded = await loadPlanFile(saveTo)
      expect(reloaded.ok && reloaded.value.hash).toBe(applied.state!.hash)
    } finally {
      await services.dispose()
    }
  })
})

describe('presets in the editor', () => {
  it('lists every preset for the picker, and Try runs a preset probe with its credential', async () => {
    const token = `render-${Date.now()}`
    process.env.GONOGO_SECRET_RENDER_TRY = token
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json')
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.statusCode = 401
        return res.end('{"message":"unauthorized"}')
      }
      const live = req.url === '/v1/services/srv-live/deploys?limit=1'
      res.end(JSON.stringify([{ deploy: { id: 'dep-1', status: live ? 'live' : 'build_failed' } }]))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const { services, call } = window()
    try {
      await call('plan:load', { source: 'file', path: join(FIXTURES, 'launch-checklist.md') })
      const presets = (await call('authoring:presets', {})).presets as { id: string }[]
      expect(presets.map((p) => p.id)).toEqual(
        expect.arrayContaining(['render.deploy-live', 'github.rulesets']),
      )
      expect(presets.map((p) => p.id)).toEqual([...presets.map((p) => p.id)].sort())
      expect(
        (await call('authoring:declare-credential', { name: 'render_try', kind: 'token' })).ok,
      ).toBe(true)
      expect(
        (await call('authoring:set-var', { name: 'render_service', value: 'srv-live' })).ok,
      ).toBe(true)
      const item = (await call('authoring:state', {})).state!.items[2]!.id
      const probe = {
        kind: 'preset',
        preset: 'render.deploy-live',
        credential: 'render_try',
        baseUrl,
        params: { service: '${vars.render_service}' },
      }
      const set = await call('authoring:set-check', { item, probe })
      expect(set.ok, String(set.message)).toBe(true)
      expect(set.state!.credentials).toEqual([
        expect.objectContaining({
          name: 'render_try',
          set: true,
          source: 'environment',
          usedBy: [item],
        }),
      ])
      expect(await call('authoring:try', { item })).toMatchObject({
        ok: true,
        result: { status: 'pass' },
      })
      const failing = await call('authoring:try', {
        item,
        probe: { ...probe, params: { service: 'srv-broken' } },
      })
      expect(failing).toMatchObject({ ok: true, result: { status: 'fail' } })
      expect(JSON.stringify(failing)).toContain('build_failed')
      expect(JSON.stringify(failing)).not.toContain(token)
      const badParams = await call('authoring:set-check', {
        item,
        probe: { ...probe, params: {} },
      })
      expect(badParams).toMatchObject({ ok: false, errors: [{ path: 'params' }] })
    } finally {
      delete process.env.GONOGO_SECRET_RENDER_TRY
      await services.dispose()
      await new Promise((r) => server.close(r))
    }
  })
})

describe('the demo plan', () => {
  it('tries against the in-process demo target with the demo keys, like probes:run', async () => {
    const saveTo = join(scratch, 'demo-edited.yaml')
    const { services, call } = window(() => saveTo)
    try {
      expect((await call('plan:load', { source: 'template', id: 'demo' })).ok).toBe(true)
      const state = (await call('authoring:state', {})).state!
      expect(state.source).toEqual({ name: 'demo.yaml', kind: 'template' })
      expect(state.credentials.every((c) => c.set)).toBe(true)
      expect(state.items.find((i) => i.id === 'token-exchange')!.check).toBe('ready')
      expect(await call('authoring:try', { item: 'health' })).toMatchObject({
        ok: true,
        result: { status: 'pass' },
      })
      const token = await call('authoring:try', { item: 'token-exchange' })
      expect(token).toMatchObject({ ok: true, result: { status: 'pass' } })
      expect(JSON.stringify(token)).not.toContain('demo_live_4f9c2e7a1b8d')
      // Saved, the demo target's address is not written into the plan: it stays a run-time value.
      expect((await call('authoring:save', {})).ok).toBe(true)
      expect(readFileSync(saveTo, 'utf8')).toBe(
        readFileSync(resolve('resources/plans/demo.yaml'), 'utf8'),
      )
      expect(await call('authoring:try', { item: 'health' })).toMatchObject({
        ok: true,
        result: { status: 'pass' },
      })
    } finally {
      await services.dispose()
    }
  })
})

describe('saving while the window edits', () => {
  it('an edit made while the save dialog is open stays unsaved, and says so', async () => {
    const original = join(scratch, 'commented-4.yaml')
    copyFileSync(join(FIXTURES, 'commented-plan.yaml'), original)
    let during: (() => Promise<unknown>) | undefined
    const deps = {
      resourcesDir: resolve('resources'),
      sessionsDir: join(scratch, 'sessions'),
      chooseOpenFile: async () => undefined,
      chooseSaveFile: async () => {
        await during?.()
        return join(scratch, 'commented-4-saved.yaml')
      },
    }
    const services = new AppServices(deps)
    const handlers = createHandlers(deps, services)
    const call = (channel: string, request: unknown) =>
      dispatch(handlers, channel, request) as Promise<Reply>
    try {
      await call('plan:load', { source: 'file', path: original })
      await call('authoring:set-var', { name: 'site_url', value: 'https://one.example.com' })
      during = () =>
        call('authoring:set-var', { name: 'site_url', value: 'https://two.example.com' })
      const saved = await call('authoring:save', {})
      expect(saved.ok).toBe(true)
      expect(readFileSync(join(scratch, 'commented-4-saved.yaml'), 'utf8')).toContain(
        'default: https://one.example.com',
      )
      expect(saved.state).toMatchObject({ dirty: true })
      expect(saved.state!.vars.find((v) => v.name === 'site_url')!.default).toBe(
        'https://two.example.com',
      )
    } finally {
      await services.dispose()
    }
  })
})

describe('bounds', () => {
  it('calls arriving together share one working copy; another plan gets a fresh one', async () => {
    const { services, call } = window()
    try {
      await call('plan:load', { source: 'file', path: join(FIXTURES, 'launch-checklist.md') })
      const [a, b, edit] = await Promise.all([
        call('authoring:state', {}),
        call('authoring:state', {}),
        call('authoring:set-var', { name: 'api_url', value: 'https://api.acme.test' }),
      ])
      expect(a.ok && b.ok && edit.ok).toBe(true)
      const after = (await call('authoring:state', {})).state!
      expect(after.vars.find((v) => v.name === 'api_url')?.default).toBe('https://api.acme.test')
      await call('plan:load', { source: 'file', path: join(FIXTURES, 'commented-plan.yaml') })
      const other = (await call('authoring:state', {})).state!
      expect(other).toMatchObject({ planName: 'Acme launch', dirty: false })
    } finally {
      await services.dispose()
    }
  })

  it('with several environments, Try waits until one is chosen, then uses its values', async () => {
    const target = await startDemoTarget()
    const twoEnvironments = join(scratch, 'two-environments.yaml')
    writeFileSync(
      twoEnvironments,
      readFileSync(join(FIXTURES, 'commented-plan.yaml'), 'utf8').replace(
        'environments:\n',
        `environments:\n  production:\n    vars:\n      api_url: ${target.url}\n`,
      ),
    )
    const { services, call } = window()
    try {
      expect((await call('plan:load', { source: 'file', path: twoEnvironments })).ok).toBe(true)
      expect((await call('authoring:state', {})).state!.environment).toBeUndefined()
      expect(await call('authoring:try', { item: 'health' })).toMatchObject({
        ok: false,
        message: 'the plan declares 2 environments (production, staging): choose the one to try in',
      })
      const chosen = await call('authoring:set-environment', { environment: 'production' })
      expect(chosen.state!.environment).toBe('production')
      expect(await call('authoring:try', { item: 'health' })).toMatchObject({
        ok: true,
        result: { status: 'pass' },
      })
    } finally {
      await services.dispose()
      await target.close()
    }
  })

  it('one Try at a time; a plan naming files beside it is saved beside it', async () => {
    let release: (() => void) | undefined
    const server = createServer((_req, res) => {
      release = () => res.end('{}')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    let saveTo = join(scratch, 'elsewhere', 'plan.yaml')
    const { services, call } = window(() => saveTo)
    try {
      await call('plan:load', { source: 'file', path: join(FIXTURES, 'commented-plan.yaml') })
      await call('authoring:set-var', { name: 'api_url', environment: 'staging', value: url })
      const first = call('authoring:try', { item: 'health' })
      for (let i = 0; i < 100 && !release; i++) await new Promise((r) => setTimeout(r, 20))
      const second = await call('authoring:try', { item: 'health' })
      expect(second, JSON.stringify(second).slice(0, 600)).toMatchObject({
        ok: false,
        message: 'a Try is already running: wait for its result',
      })
      release?.()
      expect((await first).ok).toBe(true)
      // Roles pinned by a signers file next to the plan: another folder would break it.
      const withSigners = join(scratch, 'signers-plan.yaml')
      copyFileSync(join(FIXTURES, 'signers-plan.yaml'), withSigners)
      copyFileSync(join(FIXTURES, 'allowed_signers'), join(scratch, 'allowed_signers'))
      expect((await call('plan:load', { source: 'file', path: withSigners })).ok).toBe(true)
      expect(await call('authoring:save', {})).toMatchObject({
        ok: false,
        cancelled: false,
        message: expect.stringContaining('relative to its folder (allowed_signers)'),
      })
      saveTo = join(scratch, 'signers-plan-saved.yaml')
      await call('authoring:set-check', {
        item: 'announce',
        probe: { kind: 'dns', name: 'acme.test' },
      })
      const saved = await call('authoring:save', {})
      expect(saved.ok, String(saved.message)).toBe(true)
      const reloaded = await loadPlanFile(saveTo)
      expect(reloaded.ok && reloaded.value.hash).toBe(saved.state!.hash)
      expect(readFileSync(saveTo, 'utf8')).toContain('signersFile: allowed_signers')
    } finally {
      await services.dispose()
      await new Promise((r) => server.close(r))
    }
  })
})
