import fc from 'fast-check'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { dispatch } from '../../src/main/ipc/dispatch'
import { AppServices, createHandlers } from '../../src/main/ipc/handlers'
import { importChecklistText } from '../../src/main/plans/plan-files'
import { compileCondition } from '../../src/shared/conditions/compile'
import { evaluateCondition } from '../../src/shared/conditions/evaluate'
import { importChecklist } from '../../src/shared/import/checklist'
import { invokeChannels, IpcRequestError } from '../../src/shared/ipc'
import { loadPlanText } from '../../src/shared/plan/load'

// Property tests over hostile input: whatever comes in, the answer is a value or a positioned
// error, never an exception. (Time limits on 1 MiB inputs are checked in bench/, not here.)

const positioned = (errors: { file: string; message: string }[]) =>
  errors.length > 0 && errors.every((e) => e.file.length > 0 && e.message.length > 0)

/** Text that looks like a plan: YAML built from arbitrary JSON, sometimes torn or retyped. */
const planLike = fc.oneof(
  fc.string({ maxLength: 2000 }),
  fc.jsonValue({ maxDepth: 6 }).map((v) => stringify(v)),
  fc
    .record({
      name: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      phases: fc.array(
        fc.record({
          id: fc.oneof(fc.string({ maxLength: 12 }), fc.integer()),
          title: fc.string(),
          items: fc.array(
            fc.record({
              id: fc.string({ maxLength: 12 }),
              title: fc.string(),
              blocking: fc.oneof(fc.boolean(), fc.string()),
              probe: fc.option(
                fc.record({
                  kind: fc.constantFrom('http', 'tls', 'dns', 'flow', 'nope'),
                  url: fc.string(),
                  expect: fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
                }),
              ),
            }),
            { maxLength: 4 },
          ),
        }),
        { maxLength: 3 },
      ),
    })
    .map((v) => stringify(v)),
)

describe('fuzzing hostile input', () => {
  it('the plan loader answers any text with a plan or positioned errors', () => {
    fc.assert(
      fc.property(planLike, (text) => {
        const result = loadPlanText(text, 'fuzz.yaml')
        if (!result.ok) expect(positioned(result.errors)).toBe(true)
      }),
      { numRuns: 400 },
    )
  })

  it('the checklist importer turns any text into a plan that loads, or positioned errors', async () => {
    const line = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .tuple(
          fc.constantFrom('- [ ] ', '- [x] ', '* ', '1. ', '# ', '## ', '### ', '| '),
          fc.string(),
        )
        .map(([a, b]) => a + b),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 60 }), async (lines) => {
        const text = lines.join('\n')
        const imported = importChecklist(text, 'fuzz.md')
        if (!imported.ok) {
          expect(positioned(imported.errors)).toBe(true)
          return
        }
        // What the importer produces is a plan the loader accepts.
        const loaded = await importChecklistText(text, 'fuzz.md')
        expect(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors)).toBe(true)
      }),
      { numRuns: 400 },
    )
  })

  it('CEL conditions: deep nesting, huge literals and unknown functions are refused or evaluated, never thrown', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.nat({ max: 5000 }).map((n) => '('.repeat(n) + '1' + ')'.repeat(n) + ' == 1'),
      fc.nat({ max: 3000 }).map((n) => '!'.repeat(n) + 'true'),
      fc.nat({ max: 2000 }).map((n) => 'body' + '.a'.repeat(n) + ' == 1'),
      fc.nat({ max: 200_000 }).map((n) => `"${'x'.repeat(n)}" == body.s`),
      fc.string({ maxLength: 20 }).map((f) => `${f.replace(/\W/g, '') || 'f'}(body) == 1`),
      fc.constantFrom(
        '[1,2,3].map(x, [x,x,x,x].map(y, [y,y,y,y].map(z, z))).size() > 0',
        '9223372036854775807 + 1 == 0',
        '1 / 0 == 0',
        'body.list.all(x, x.exists(y, y))',
        '"a".matches("(a+)+$") == true',
      ),
    )
    const context = { status: 200, headers: {}, body: { s: 'x', list: [[1]], a: null } }
    fc.assert(
      fc.property(hostile, (source) => {
        const compiled = compileCondition(source)
        if (!compiled.ok) {
          expect(compiled.message.length).toBeGreaterThan(0)
          return
        }
        const outcome = evaluateCondition(compiled.condition, context)
        expect(typeof outcome.pass).toBe('boolean')
      }),
      { numRuns: 300 },
    )
  })

  it('every IPC channel rejects garbage by its schema, and main keeps serving', async () => {
    const deps = {
      resourcesDir: resolve('resources'),
      sessionsDir: resolve('.tmp/fuzz-sessions'),
      chooseOpenFile: async () => undefined,
      chooseSaveFile: async () => undefined,
    }
    const services = new AppServices(deps)
    const handlers = createHandlers(deps, services)
    const channels = Object.keys(invokeChannels)
    const garbage = fc.oneof(
      fc.anything({ maxDepth: 4 }),
      fc.record({ source: fc.string(), id: fc.string(), path: fc.string(), item: fc.anything() }),
      fc.dictionary(fc.string(), fc.oneof(fc.string({ maxLength: 5000 }), fc.integer())),
    )
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...channels), garbage, async (channel, payload) => {
          const schema = invokeChannels[channel as keyof typeof invokeChannels].request
          const valid = schema.safeParse(payload).success
          try {
            await dispatch(handlers, channel, payload)
          } catch (e) {
            // Refused by the schema with a message naming the channel; nothing else may throw.
            expect(valid, `${channel} threw on a valid request: ${String(e)}`).toBe(false)
            expect(e).toBeInstanceOf(IpcRequestError)
            expect((e as Error).message.startsWith(`${channel}: invalid request`)).toBe(true)
          }
        }),
        { numRuns: 500 },
      )
      // Still serving.
      const templates = (await dispatch(handlers, 'plan:templates', {})) as unknown[]
      expect(templates.length).toBeGreaterThan(0)
    } finally {
      await services.dispose()
    }
  }, 60_000)
})
