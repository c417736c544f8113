// Time from "run all" to the first red blocking result, through the runner the window and
// `gonogo check` use (runProbes, results yielded as they land), against a loopback server in its
// own process. 13 blocking probes: 12 whose target answers after 3 s, then one red (503 at once).
//
// Reference, same run, interleaved: the same 13-probe run where the other 12 answer at once: the
// same machinery, starting the same probes, only without slow targets. The ratio says what
// slow probes cost the red result; a runner that held it back until they answer would be
// hundreds of times over (they take 3 s).
//
// Two settings. With 16 probes at a time (--concurrency 16) all 13 start together. At the
// default (4 at a time), the red probe is 13th in line: slow probes lend their slots once they
// have waited SLOW_PROBE_MS, so it starts after three such waits instead of after the slow probes
// answer (9 s before this). That row is information, against DESIGN's "< 1 s".
import { PlanSchema } from '../src/shared/plan/schema'
import { runProbes, selectProbes, SLOW_PROBE_MS } from '../src/main/probes/runner'
import { tokenSecrets } from '../src/main/probes/secrets'
import { startLoopbackServer } from './loopback-server'
import { describe, interleaved, report, round, spreadOf } from './measure'

const { base, stop } = await startLoopbackServer()
const secrets = tokenSecrets({})

/** 12 probes of `others` ahead of the red one, all blocking. */
function runAll(others: '/slow' | '/health') {
  const plan = PlanSchema.parse({
    name: 'First red',
    phases: [
      {
        id: 'p',
        title: 'P',
        items: [
          ...Array.from({ length: 12 }, (_, i) => ({
            id: `other${i}`,
            title: 'other',
            probe: { kind: 'http', url: `${base}${others}`, timeout: '10s' },
          })),
          {
            id: 'red',
            title: 'red',
            probe: { kind: 'http', url: `${base}/red`, expect: ['status == 200'] },
          },
        ],
      },
    ],
  })
  const selected = selectProbes(plan)
  if (!selected.ok) throw new Error(selected.message)
  if (selected.probes.at(-1)?.item.id !== 'red') throw new Error('the red probe is not last')
  return selected.probes
}
const slowAhead = runAll('/slow')
const fastAhead = runAll('/health')

/** Time from the start of a run to its first red result (the run's other probes are left to finish). */
async function firstRed(
  probes: ReturnType<typeof runAll>,
  concurrency: number | undefined,
): Promise<void> {
  for await (const r of runProbes({
    probes,
    vars: {},
    secrets,
    ...(concurrency !== undefined && { concurrency }),
  }))
    if (r.status === 'fail') {
      if (r.item !== 'red') throw new Error(`${r.item} failed: ${r.reason}`)
      return
    }
  throw new Error('no red result')
}

const wide = await interleaved(
  {
    slowAhead: () => firstRed(slowAhead, 16),
    fastAhead: () => firstRed(fastAhead, 16),
  },
  9,
  2,
)
const atDefault = await interleaved(
  {
    slowAhead: () => firstRed(slowAhead, undefined),
    fastAhead: () => firstRed(fastAhead, undefined),
  },
  5,
  1,
)
// Let the slow probes still in flight finish before the server goes.
await new Promise((resolve) => setTimeout(resolve, 3500))
stop()

const RED_BUDGET = 2
const wideRatio = wide.slowAhead.median / wide.fastAhead.median
report([
  {
    figure:
      'first red blocking result after "run all" (13 probes, 12 slow ahead of it, 16 at a time)',
    value: round(wide.slowAhead.median),
    unit: 'ms',
    spread: spreadOf(wide.slowAhead),
    reference: `the same run with the 12 answering at once ${describe(wide.fastAhead)}`,
    ratio: round(wideRatio),
    budget: `≤ ${RED_BUDGET}× the run without slow probes (DESIGN: < 1,000 ms as information)`,
    pass: wideRatio <= RED_BUDGET,
  },
  {
    figure: `first red blocking result after "run all" at the default 4 at a time (12 slow ahead; a slot is lent after ${SLOW_PROBE_MS} ms)`,
    value: round(atDefault.slowAhead.median),
    unit: 'ms',
    spread: spreadOf(atDefault.slowAhead),
    reference: `the same run with the 12 answering at once ${describe(atDefault.fastAhead)}`,
    ratio: round(atDefault.slowAhead.median / atDefault.fastAhead.median),
    budget: 'informational (DESIGN: < 1,000 ms)',
    pass: true,
  },
])
