import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/ipc/dispatch'
import { AppServices, createHandlers } from '../../src/main/ipc/handlers'
import { PlanOpenResponseSchema } from '../../src/shared/ipc'

const scratch = mkdtempSync(join(tmpdir(), 'gonogo-open-dialog-'))
let nextOpen: string | undefined
const deps = {
  resourcesDir: resolve('resources'),
  sessionsDir: join(scratch, 'sessions'),
  chooseOpenFile: async () => nextOpen,
  chooseSaveFile: async () => undefined,
}
const opened: AppServices[] = []
/** A window's main side with no plan open yet. */
function fresh() {
  const services = new AppServices(deps)
  opened.push(services)
  const handlers = createHandlers(deps, services)
  const call = (channel: string, request: unknown) =>
    dispatch(handlers, channel, request) as Promise<Record<string, unknown>>
  return { services, call }
}
afterAll(async () => {
  for (const services of opened) await services.dispose()
  rmSync(scratch, { recursive: true, force: true })
})

const checklist = resolve('test/fixtures/checklists/links-and-toc.md')
const plan = resolve('test/fixtures/plans/small-launch.yaml')

interface Preview {
  name: string
  text: string
  counts: { phases: number; items: number; roles: number }
  leftOut: { from: number; to: number; reason: string }[]
  errors: { file: string; message: string }[]
}

describe('plan:load from the open dialog: a plan opens, a checklist is previewed first', () => {
  it('a picked checklist answers with its import preview and opens nothing', async () => {
    const { services, call } = fresh()
    nextOpen = checklist
    const answer = await call('plan:load', { source: 'dialog' })
    expect(answer).toMatchObject({ ok: false, errors: [] })
    const preview = answer.preview as Preview
    expect(preview.name).toBe('links-and-toc.md')
    expect(preview.counts).toEqual({ phases: 2, items: 5, roles: 0 })
    expect(preview.leftOut).toContainEqual(
      expect.objectContaining({
        from: 11,
        to: 15,
        reason: 'section "Quick links": context, not launch items',
      }),
    )
    expect(preview.errors).toEqual([])
    // Nothing opened: main has no plan to run probes on.
    expect(services.plan).toBeUndefined()
    expect(await call('probes:run', {})).toEqual({ ok: false, message: 'open a plan first' })

    // Confirming the preview (with a left-out block included) opens it as dropped text does.
    const confirmed = await call('plan:load', {
      source: 'text',
      name: preview.name,
      text: preview.text,
      include: [{ from: 11, to: 15 }],
    })
    expect(confirmed.ok).toBe(true)
    expect(services.plan?.plan.name).toBe('Service launch checklist')
    expect(services.plan?.plan.phases.flatMap((p) => p.items)).toHaveLength(7)
  })

  it('the confirmed checklist keeps its path (saving starts beside it); other text does not get it', async () => {
    for (const channel of ['plan:load', 'checklist:preview']) {
      const { services, call } = fresh()
      nextOpen = checklist
      const preview = (await call(channel, { source: 'dialog' })).preview as Preview
      // Someone else's text under the same name stays a name: main never lends it the path.
      const edited = { source: 'text', name: preview.name, text: `${preview.text}\n- [ ] More\n` }
      expect((await call('plan:load', edited)).ok).toBe(true)
      expect(services.plan?.file).toBe('links-and-toc.md')
      expect((await call('plan:load', { ...edited, text: preview.text })).ok).toBe(true)
      expect(services.plan?.file).toBe(checklist)
    }
  })

  it('a picked plan opens at once, as before', async () => {
    const { services, call } = fresh()
    nextOpen = plan
    const answer = await call('plan:load', { source: 'dialog' })
    expect(answer.ok).toBe(true)
    expect(answer).not.toHaveProperty('preview')
    expect((answer.value as { plan: { name: string } }).plan.name).toBe('Small launch')
    expect(services.plan?.plan.name).toBe('Small launch')
  })

  it('a checklist that does not import is still previewed, with its errors in the preview', async () => {
    const { services, call } = fresh()
    nextOpen = resolve('test/fixtures/checklists/table-name-ambiguous.md')
    const answer = await call('plan:load', { source: 'dialog' })
    expect(answer).toMatchObject({ ok: false, errors: [] })
    expect((answer.preview as Preview).errors[0]?.message).toMatch(
      /^no checklist items found: found a table with columns Name \| Level \| Scope/,
    )
    expect(services.plan).toBeUndefined()
  })

  it('a checklist that cannot be read is an error naming the file; no preview', async () => {
    const { call } = fresh()
    const missing = join(scratch, 'gone.md')
    nextOpen = missing
    const answer = await call('plan:load', { source: 'dialog' })
    expect(answer.ok).toBe(false)
    expect(answer).not.toHaveProperty('preview')
    expect((answer.errors as { file: string }[])[0]?.file).toBe(missing)
  })

  it('cancelling the dialog is cancelled, with no errors and no preview', async () => {
    const { call } = fresh()
    nextOpen = undefined
    expect(await call('plan:load', { source: 'dialog' })).toEqual({
      ok: false,
      cancelled: true,
      errors: [],
    })
  })

  it('garbage is refused before the dialog opens: the renderer never names a path', async () => {
    const { services } = fresh()
    let asked = 0
    const counting = createHandlers(
      {
        ...deps,
        chooseOpenFile: async () => {
          asked++
          return checklist
        },
      },
      services,
    )
    for (const bad of [
      { source: 'dialog', path: '/etc/passwd' },
      { source: 'dialog', preview: true },
      { source: 'dialogue' },
      'dialog',
    ])
      await expect(dispatch(counting, 'plan:load', bad)).rejects.toThrow(
        /plan:load: invalid request/,
      )
    expect(asked).toBe(0)
  })

  it('the contract keeps a preview whole and refuses one that also carries errors', () => {
    const preview = {
      name: 'a.md',
      text: '- [ ] x\n',
      counts: { phases: 1, items: 1, roles: 0 },
      leftOut: [],
      warnings: [],
      errors: [],
    }
    expect(PlanOpenResponseSchema.parse({ ok: false, errors: [], preview })).toEqual({
      ok: false,
      errors: [],
      preview,
    })
    const withErrors = PlanOpenResponseSchema.safeParse({
      ok: false,
      errors: [{ file: 'a.md', path: '', message: 'x' }],
      preview,
    })
    // Such an answer is read as a plain failure: the preview never reaches the window.
    expect(withErrors.success && 'preview' in withErrors.data).toBe(false)
  })

  it('a file is a plan or a checklist by its name: YAML text named .md is previewed', async () => {
    const { services, call } = fresh()
    const named = join(scratch, 'plan-like.md')
    writeFileSync(named, 'name: Not a plan\nphases: []\n')
    nextOpen = named
    expect(await call('plan:load', { source: 'dialog' })).toHaveProperty('preview')
    expect(services.plan).toBeUndefined()
  })
})
