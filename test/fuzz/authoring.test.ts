import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/ipc/dispatch'
import { AppServices, createHandlers } from '../../src/main/ipc/handlers'
import { IpcRequestError } from '../../src/shared/ipc'

/**
 * Well-formed but arbitrary edits against an open plan: every authoring channel answers within
 * its contract (dispatch checks each response), a refusal never changes the working copy, and
 * the copy always loads (its hash stays a hash).
 */

const ITEMS = ['health', 'headers', 'briefing', 'flip', 'ghost', 'a.b-c_d']
const KINDS = ['http', 'flow', 'tls', 'dns', 'headers', 'latency', 'metric', 'preset', 'nope']
const probe = fc.record(
  {
    kind: fc.constantFrom(...KINDS),
    url: fc.oneof(fc.constant('${vars.api_url}/x'), fc.constant('${vars.nope}'), fc.string()),
    host: fc.string(),
    name: fc.string(),
    preset: fc.constantFrom('github.rulesets', 'nope.nothing', ''),
    credential: fc.constantFrom('status_token', 'ghost'),
    expect: fc.array(fc.oneof(fc.constant('status == 200'), fc.string()), { maxLength: 3 }),
    port: fc.integer(),
  },
  { requiredKeys: ['kind'] },
)
const request = fc.oneof(
  fc.record({
    channel: fc.constant('authoring:decide'),
    payload: fc.record({
      decisions: fc.array(
        fc.record({
          item: fc.constantFrom(...ITEMS),
          decision: fc.constantFrom('pending', 'accepted', 'rejected'),
          draft: fc.integer({ min: 0, max: 3 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  }),
  fc.record({
    channel: fc.constant('authoring:set-check'),
    payload: fc.record({
      item: fc.constantFrom(...ITEMS),
      probe: fc.oneof(probe, fc.constant(null)),
    }),
  }),
  fc.record({
    channel: fc.constant('authoring:set-var'),
    payload: fc.record(
      {
        name: fc.constantFrom('api_url', 'site_url', 'fresh_var', '__proto__', 'constructor'),
        environment: fc.constantFrom('staging', 'production'),
        value: fc.oneof(fc.string({ maxLength: 50 }), fc.constant(null)),
        description: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: ['name', 'value'] },
    ),
  }),
  fc.record({
    channel: fc.constant('authoring:set-environment'),
    payload: fc.record({ environment: fc.constantFrom('staging', 'production', 'qa') }),
  }),
  fc.record({
    channel: fc.constant('authoring:declare-credential'),
    payload: fc.record({
      name: fc.constantFrom('status_token', 'stripe', 'constructor'),
      kind: fc.constantFrom('token', 'basic', 'header'),
    }),
  }),
)

describe('authoring fuzz', () => {
  it('arbitrary well-formed edits keep the working copy valid and every answer in contract', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'gonogo-authoring-fuzz-'))
    const deps = {
      resourcesDir: resolve('resources'),
      sessionsDir: join(scratch, 'sessions'),
      chooseOpenFile: async () => undefined,
      chooseSaveFile: async () => undefined,
    }
    const services = new AppServices(deps)
    const handlers = createHandlers(deps, services)
    try {
      const opened = (await dispatch(handlers, 'plan:load', {
        source: 'file',
        path: resolve('test/fixtures/authoring/commented-plan.yaml'),
      })) as { ok: boolean }
      expect(opened.ok).toBe(true)
      await fc.assert(
        fc.asyncProperty(request, async ({ channel, payload }) => {
          const before = (await dispatch(handlers, 'authoring:state', {})) as {
            state: { hash: string }
          }
          let reply: { ok: boolean; state?: { hash: string; problems: unknown[] } }
          try {
            reply = (await dispatch(handlers, channel, payload)) as typeof reply
          } catch (e) {
            // Only the schema may refuse (an environment or credential name it does not allow).
            expect(e).toBeInstanceOf(IpcRequestError)
            return
          }
          const after = (await dispatch(handlers, 'authoring:state', {})) as {
            state: { hash: string; problems: unknown[] }
          }
          if (!reply.ok) expect(after.state.hash).toBe(before.state.hash)
          expect(after.state.problems).toEqual([])
        }),
        { numRuns: 300 },
      )
    } finally {
      await services.dispose()
      rmSync(scratch, { recursive: true, force: true })
    }
  }, 120_000)
})
