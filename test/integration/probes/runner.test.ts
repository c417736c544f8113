import { describe, expect, it } from 'vitest'
import { PlanSchema } from '../../../src/shared/plan/schema'
import type { ProbeResult } from '../../../src/shared/probes/result'
import { runProbes, selectProbes } from '../../../src/main/probes/runner'
import { secretsFrom } from '../../helpers/probes'
import { json, startServer } from '../../helpers/servers'

const planWith = (base: string) =>
  PlanSchema.parse({
    name: 'Runner',
    phases: [
      {
        id: 'one',
        title: 'One',
        items: [
          {
            id: 'optional-slow',
            title: 'x',
            blocking: false,
            probe: { kind: 'http', url: `${base}/slow`, timeout: '5s' },
          },
          { id: 'manual', title: 'by hand' },
          {
            id: 'hung',
            title: 'x',
            probe: { kind: 'http', url: `${base}/hang`, timeout: '800ms' },
          },
        ],
      },
      {
        id: 'two',
        title: 'Two',
        items: [{ id: 'fast-red', title: 'x', probe: { kind: 'http', url: `${base}/status/500` } }],
      },
    ],
  })

describe('probe runner', () => {
  it('puts blocking probes first, then plan order, and narrows to a phase or an item', () => {
    const plan = planWith('http://127.0.0.1:9')
    const all = selectProbes(plan)
    expect(all.ok && all.probes.map((p) => p.item.id)).toEqual([
      'hung',
      'fast-red',
      'optional-slow',
    ])
    const phase = selectProbes(plan, 'two')
    expect(phase.ok && phase.probes.map((p) => p.item.id)).toEqual(['fast-red'])
    expect(selectProbes(plan, 'nope')).toEqual({
      ok: false,
      message: 'no phase or item `nope` in the plan',
    })
    expect(selectProbes(plan, 'manual')).toEqual({
      ok: false,
      message: 'item `manual` has no probe (it is checked by hand)',
    })
  })

  it('streams each result as it lands, so a fast red arrives before a slow probe ends', async () => {
    const server = await startServer({
      extra: (_q, res) => void setTimeout(() => json(res, 200, {}), 400),
    })
    const plan = planWith(server.url)
    const selected = selectProbes(plan)
    if (!selected.ok) throw new Error(selected.message)
    const order: ProbeResult[] = []
    for await (const r of runProbes({
      probes: selected.probes,
      vars: {},
      secrets: secretsFrom({}),
      concurrency: 4,
    }))
      order.push(r)
    expect(order.map((r) => r.item)).toEqual(['fast-red', 'optional-slow', 'hung'])
    expect(order.map((r) => r.status)).toEqual(['fail', 'pass', 'fail'])
    expect(order[2]?.reason).toMatch(/^no answer within 800 ms/)
  })

  it('keeps at most `concurrency` probes in flight', async () => {
    const server = await startServer({
      extra: (_q, res) => void setTimeout(() => json(res, 200, {}), 100),
    })
    const plan = PlanSchema.parse({
      name: 'Many',
      phases: [
        {
          id: 'p',
          title: 'P',
          items: Array.from({ length: 8 }, (_, i) => ({
            id: `i${i}`,
            title: 'x',
            probe: { kind: 'http', url: `${server.url}/w${i}` },
          })),
        },
      ],
    })
    const selected = selectProbes(plan)
    if (!selected.ok) throw new Error(selected.message)
    const results: ProbeResult[] = []
    for await (const r of runProbes({
      probes: selected.probes,
      vars: {},
      secrets: secretsFrom({}),
      concurrency: 2,
      // None of them is slow here, even on a busy machine.
      slowAfterMs: 60_000,
    }))
      results.push(r)
    expect(results).toHaveLength(8)
    expect(server.stats.maxInFlight).toBe(2)
  })

  it('lets probes still waiting on their target lend their slots, so a red behind them lands first', async () => {
    const server = await startServer({
      extra: (_q, res) => void setTimeout(() => json(res, 200, {}), 1500),
    })
    const plan = PlanSchema.parse({
      name: 'Slow first',
      phases: [
        {
          id: 'p',
          title: 'P',
          items: [
            ...Array.from({ length: 12 }, (_, i) => ({
              id: `slow${i}`,
              title: 'x',
              probe: { kind: 'http', url: `${server.url}/slow${i}` },
            })),
            { id: 'red', title: 'x', probe: { kind: 'http', url: `${server.url}/status/500` } },
          ],
        },
      ],
    })
    const selected = selectProbes(plan)
    if (!selected.ok) throw new Error(selected.message)
    const run = async (concurrency: number) => {
      const results: ProbeResult[] = []
      for await (const r of runProbes({
        probes: selected.probes,
        vars: {},
        secrets: secretsFrom({}),
        concurrency,
        slowAfterMs: 50,
      }))
        results.push(r)
      return results
    }
    // 4 slots, up to 16 in flight: the red probe, 13th in line, did not wait for the slow ones.
    const results = await run(4)
    expect(results.map((r) => r.item)[0]).toBe('red')
    expect(results[0]?.status).toBe('fail')
    expect(results).toHaveLength(13)
    expect(server.stats.maxInFlight).toBe(13)
    // 2 slots: never more than 4× that in flight, slow ones included, so the red one starts only
    // once slow ones have answered.
    server.stats.maxInFlight = 0
    const capped = await run(2)
    expect(server.stats.maxInFlight).toBe(8)
    expect(capped.map((r) => r.item).indexOf('red')).toBeGreaterThan(0)
  })

  it('keeps a latency probe in its slot however long it runs (it is load, not waiting)', async () => {
    const server = await startServer()
    const plan = PlanSchema.parse({
      name: 'Load first',
      phases: [
        {
          id: 'p',
          title: 'P',
          items: [
            {
              id: 'load',
              title: 'x',
              probe: { kind: 'latency', url: `${server.url}/json`, requests: 10, rate: 20 },
            },
            { id: 'after', title: 'x', probe: { kind: 'http', url: `${server.url}/json` } },
          ],
        },
      ],
    })
    const selected = selectProbes(plan)
    if (!selected.ok) throw new Error(selected.message)
    const order: string[] = []
    for await (const r of runProbes({
      probes: selected.probes,
      vars: {},
      secrets: secretsFrom({}),
      concurrency: 1,
      slowAfterMs: 50,
    }))
      order.push(r.item)
    // The latency probe takes about 450 ms; with 1 slot the next probe waited for it.
    expect(order).toEqual(['load', 'after'])
  })

  it('repeats rounds until stopped', async () => {
    const server = await startServer()
    const plan = PlanSchema.parse({
      name: 'Again',
      phases: [
        {
          id: 'p',
          title: 'P',
          items: [{ id: 'a', title: 'x', probe: { kind: 'http', url: `${server.url}/json` } }],
        },
      ],
    })
    const selected = selectProbes(plan)
    if (!selected.ok) throw new Error(selected.message)
    const stop = new AbortController()
    let rounds = 0
    for await (const r of runProbes({
      probes: selected.probes,
      vars: {},
      secrets: secretsFrom({}),
      repeatEveryMs: 20,
      signal: stop.signal,
    })) {
      expect(r.status).toBe('pass')
      if (++rounds === 3) stop.abort()
    }
    expect(rounds).toBe(3)
  })
})
