import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { gonogo } from '../helpers/cli'
import { referenceCases, type ReferenceCase } from '../helpers/canary-reference'
import { useTempDirs } from '../helpers/temp-dir'

const tempDir = useTempDirs('gonogo-cli-canary-')
const DEMO = resolve('resources/plans/demo.yaml')
const env = { GONOGO_ACTOR: 'Ada' }
const run = (...args: string[]) => gonogo(args, { env })

const reference = referenceCases

function samples(name: string): { canary: string; baseline: string; ref: ReferenceCase } {
  const ref = reference.find((c) => c.name === name)!
  const dir = tempDir()
  const canary = join(dir, 'canary.json')
  const baseline = join(dir, 'baseline.json')
  writeFileSync(canary, JSON.stringify(ref.canary))
  writeFileSync(baseline, JSON.stringify(ref.baseline))
  return { canary, baseline, ref }
}

describe('gonogo judge', () => {
  it('prints U, p, the shift with its interval and the classification', () => {
    const { canary, baseline, ref } = samples('normal-shift-up')
    const r = run('judge', '--baseline', baseline, '--canary', canary)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^canary {3}n=40 {2}mean \d+/)
    expect(lines[2]).toBe(
      `Mann-Whitney U = ${ref.u}, p = ${ref.p < 1e-4 ? ref.p.toExponential(2) : ref.p.toFixed(4)} (two-sided, asymptotic, tie and continuity corrected)`,
    )
    expect(lines[3]).toMatch(/^Hodges-Lehmann shift = [\d.]+, 98% interval \[[\d.]+, [\d.]+\]$/)
    expect(lines[4]).toMatch(/^High: canary higher than baseline/)
  })

  it('--json gives the numbers as scipy does, and exit 0 on Pass', () => {
    const { canary, baseline, ref } = samples('normal-same')
    const r = run('judge', '--baseline', baseline, '--canary', canary, '--json')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as {
      classification: string
      u: number
      p: number
      hodgesLehmann: { estimate: number; lower: number; upper: number }
    }
    expect(out.classification).toBe('Pass')
    expect(out.u).toBeCloseTo(ref.u, 9)
    expect(Math.abs(out.p - ref.p)).toBeLessThan(1e-6)
    expect(out.hodgesLehmann.lower).toBeCloseTo(ref.hodgesLehmann98.lower, 9)
  })

  it('honours direction, allowed effect and minimum samples', () => {
    const { canary, baseline } = samples('normal-shift-down')
    expect(run('judge', '--baseline', baseline, '--canary', canary).code).toBe(0)
    const either = run('judge', '--baseline', baseline, '--canary', canary, '--direction', 'either')
    expect(either.stdout).toMatch(/^Low: /m)
    const lenient = run(
      'judge',
      ...['--baseline', baseline, '--canary', canary, '--direction', 'either'],
      ...['--allowed-effect', '0.5'],
    )
    expect(lenient.code).toBe(0)
    const few = run('judge', '--baseline', baseline, '--canary', canary, '--min-samples', '100')
    expect(few.code).toBe(1)
    expect(few.stdout).toMatch(
      /^Insufficient: insufficient data: 35 canary and 50 baseline samples \(at least 100 each needed\)$/m,
    )
  })

  it('names the file and the item that is not a number', () => {
    const dir = tempDir()
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '[1, 2, "3", 4]')
    const r = run('judge', '--baseline', bad, '--canary', bad)
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe(
      `gonogo judge: ${bad}: item 2 is "3", expected a number (JSON has no NaN or Infinity) (see \`gonogo help judge\`)`,
    )
    expect(run('judge', '--canary', bad).stderr).toMatch(
      /give both --baseline FILE and --canary FILE/,
    )
    expect(run('judge', '--baseline', bad, '--canary', bad, '--direction', 'up').stderr).toMatch(
      /--direction must be increase, decrease or either, got "up"/,
    )
  })
})

describe('gonogo canary', () => {
  it('without a reachable Prometheus the canary item is blocked, in the session and in its status', () => {
    const dir = join(tempDir(), 'session')
    const vars = ['--var', 'prometheus=http://127.0.0.1:9']
    expect(run('session', 'new', DEMO, dir, ...vars).code).toBe(0)
    const r = run('canary', DEMO, 'canary-analysis', ...vars, '--session', dir)
    expect(r.code).toBe(1)
    const expected =
      'metrics source unreachable at http://127.0.0.1:9: connection refused by 127.0.0.1:9 — is Prometheus running and reachable from here? Set the plan var `prometheus` to its URL (--var prometheus=URL).'
    expect(r.stdout.trim()).toBe(`BLOCKED: ${expected}`)
    const last = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').at(-1)!
    expect(JSON.parse(last)).toMatchObject({
      type: 'canary.verdict',
      actor: { name: 'gonogo canary' },
      data: { item: 'canary-analysis', verdict: 'blocked', reason: expected },
    })
    const status = run('status', dir)
    expect(status.stdout).toContain(
      `blocking item \`canary-analysis\`: canary blocked: ${expected}`,
    )
  })

  it('--session on another plan is refused with both hashes, as check does, and writes nothing', () => {
    const dir = tempDir()
    const session = join(dir, 'session')
    const vars = ['--var', 'prometheus=http://127.0.0.1:9']
    expect(run('session', 'new', DEMO, session, ...vars).code).toBe(0)
    const other = join(dir, 'other.yaml')
    const demo = readFileSync(DEMO, 'utf8')
    writeFileSync(other, demo.replace(/^name: .*$/m, 'name: Another launch'))
    const hashOf = (file: string) =>
      (JSON.parse(run('validate', file, '--json', ...vars).stdout) as { hash: string }).hash
    const [started, now] = [hashOf(DEMO), hashOf(other)]
    expect(now).not.toBe(started)
    const before = readFileSync(join(session, 'events.jsonl'), 'utf8')
    const r = run('canary', other, 'canary-analysis', ...vars, '--session', session)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      `gonogo canary: ${session} was started on a different plan (hash ${started.slice(0, 12)}…, this plan is ${now.slice(0, 12)}…)\n`,
    )
    expect(readFileSync(join(session, 'events.jsonl'), 'utf8')).toBe(before)
  })

  it('refuses an item without a canary, naming the ones that have one', () => {
    const r = run('canary', DEMO, 'health')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /item `health` has no canary analysis \(canary items: canary-analysis\)/,
    )
  })
})
