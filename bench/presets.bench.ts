// Loading the built-in presets (resources/presets/*.yaml: parse, validate, check placeholders,
// compile every condition) against the bare YAML parse of the same files and against starting
// Node itself, measured interleaved in the same run: the cost moving presets from code to files
// adds to every CLI start.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { builtinPresetsFor } from '../src/main/presets/preset-files'
import { loadPlanText } from '../src/shared/plan/load'
import { catalogFromFiles } from '../src/shared/presets/files'
import { report, round } from './measure'

const DIR = 'resources/presets'
const read = () =>
  readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ file: join(DIR, f), text: readFileSync(join(DIR, f), 'utf8') }))

const load = () => {
  const r = catalogFromFiles(read(), true)
  if (!r.ok) throw new Error('built-in presets invalid')
  return r.catalog.presets.length
}
const parseOnly = () => read().map((f) => parse(f.text) as unknown)
const nodeStart = () => spawnSync(process.execPath, ['-e', '0']).status

const time = (fn: () => unknown) => {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return `${round(s[Math.floor(s.length * 0.25)] ?? NaN)}–${round(s[Math.floor(s.length * 0.75)] ?? NaN)}`
}

// What a CLI start pays on top of loading its plan, for a plan using two providers' presets: only
// their files are read. The CLI has parsed and validated the plan (the same YAML parser and zod)
// before it looks at presets, so the bench does that first, once, as the CLI would.
if (!loadPlanText(readFileSync('resources/plans/saas-launch.yaml', 'utf8'), 'plan.yaml').ok)
  throw new Error('reference plan invalid')
const first = time(() => builtinPresetsFor(['github.branch-protection', 'stripe.live-mode']))
const firstAll = time(load)
for (let i = 0; i < 3; i++) {
  load()
  parseOnly()
}
const loads: number[] = []
const parses: number[] = []
const starts: number[] = []
for (let i = 0; i < 15; i++) {
  loads.push(time(load))
  parses.push(time(parseOnly))
  starts.push(time(nodeStart))
}
const loadMs = median(loads)
const parseMs = median(parses)
const startMs = median(starts)
const presets = load()

report([
  {
    figure: `built-in presets load, ${presets} presets (read + parse + validate + compile)`,
    value: round(loadMs),
    unit: 'ms',
    reference: `yaml.parse of the same files ${round(parseMs)} ms (spread ${spread(loads)} / ${spread(parses)})`,
    ratio: round(loadMs / parseMs),
    budget: '≤ 8× yaml.parse',
    pass: loadMs / parseMs <= 8,
  },
  {
    figure: 'presets of a plan using two providers, first load after the plan (a CLI start)',
    value: round(first),
    unit: 'ms',
    reference: `node -e 0 ${round(startMs)} ms (spread ${spread(starts)})`,
    ratio: round(first / startMs),
    budget: '≤ 0.5× a bare Node start',
    pass: first / startMs <= 0.5,
  },
  {
    figure: 'all built-in presets, first full load (presets list), information',
    value: round(firstAll),
    unit: 'ms',
    reference: `node -e 0 ${round(startMs)} ms`,
    ratio: round(firstAll / startMs),
    budget: 'information',
    pass: true,
  },
])
