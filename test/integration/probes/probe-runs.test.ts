import { describe, expect, it } from 'vitest'
import { PlanSchema } from '../../../src/shared/plan/schema'
import type { ProbeResult } from '../../../src/shared/probes/result'
import { ProbeRuns, type ProbeLanding } from '../../../src/main/probes/probe-runs'
import { secretsFrom } from '../../helpers/probes'
import { startServer } from '../../helpers/servers'

const plan = (base: string) =>
  PlanSchema.parse({
    name: 'Runs',
    phases: [
      {
        id: 'p',
        title: 'P',
        items: ['a', 'b', 'c'].map((id) => ({
          id,
          title: id,
          probe: { kind: 'http', url: `${base}/${id === 'c' ? 'status/500' : 'json'}` },
        })),
      },
    ],
  })

describe('probe runs started from the window', () => {
  it('records each result as it lands, shows it once its own recording is done, and ends after all', async () => {
    const server = await startServer()
    const runs = new ProbeRuns()
    const recorded: string[] = []
    const landings: ProbeLanding[] = []
    let releaseA: () => void = () => undefined
    const aRecorded = new Promise<void>((resolve) => (releaseA = resolve))
    const ended = new Promise<void>((resolve) => {
      const started = runs.start(
        plan(server.url),
        {},
        secretsFrom({}),
        undefined,
        async (result: ProbeResult) => {
          recorded.push(result.item)
          // a's recording is slow (a busy disk): it must not hold b and c back.
          if (result.item === 'a') await aRecorded
        },
        (landing) => {
          landings.push(landing)
          if (landing.result?.item !== 'a' && landings.filter((l) => l.result).length === 2)
            releaseA()
          if (landing.done) resolve()
        },
      )
      expect(started.ok).toBe(true)
    })
    await ended
    expect([...recorded].sort()).toEqual(['a', 'b', 'c'])
    const shown = landings.filter((l) => l.result).map((l) => l.result?.item)
    expect(shown).toHaveLength(3)
    expect(shown.at(-1)).toBe('a')
    expect(landings.map((l) => l.position)).toEqual([0, 1, 2, 3])
    expect(landings.at(-1)).toMatchObject({ done: true, total: 3 })
    const runId = landings[0]?.runId ?? ''
    expect(runs.results(runId, 0)).toMatchObject({ done: true, total: 3 })
    expect(runs.results(runId, 0).results.map((r) => r.item)).toEqual(shown)
  })

  it('does not show a result whose recording failed, and still ends the run', async () => {
    const server = await startServer()
    const runs = new ProbeRuns()
    const landings: ProbeLanding[] = []
    await new Promise<void>((resolve) =>
      runs.start(
        plan(server.url),
        {},
        secretsFrom({}),
        undefined,
        (result) => (result.item === 'b' ? Promise.reject(new Error('disk full')) : undefined),
        (landing) => {
          landings.push(landing)
          if (landing.done) resolve()
        },
      ),
    )
    expect(
      landings
        .filter((l) => l.result)
        .map((l) => l.result?.item)
        .sort(),
    ).toEqual(['a', 'c'])
    expect(landings.at(-1)).toMatchObject({ done: true, position: 2 })
  })
})
