import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { gonogo } from '../helpers/cli'
import { useTempDirs } from '../helpers/temp-dir'

const tempDir = useTempDirs('gonogo-cli-session-')
const SMALL = resolve('test/fixtures/plans/small-launch.yaml')
const SIGNED = resolve('test/fixtures/plans/signed-launch.yaml')
const env = { GONOGO_ACTOR: 'Ada' }
const run = (...args: string[]) => gonogo(args, { env })
const events = (dir: string) =>
  readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as {
          seq: number
          type: string
          actor: { name: string; role?: string }
          data: Record<string, unknown>
        },
    )

function newSession(plan = SMALL): string {
  const dir = join(tempDir(), 'session')
  const r = run('session', 'new', plan, dir, '--actor', 'Ada Lovelace', '--role', 'Release Captain')
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return dir
}

/** One line on stderr, exit 2, and the log untouched. */
function expectRefused(dir: string, r: ReturnType<typeof run>, message: RegExp) {
  const before = existsSync(join(dir, 'events.jsonl')) ? events(dir).length : 0
  expect(r.code).toBe(2)
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(r.stderr).toMatch(message)
  if (before) expect(events(dir)).toHaveLength(before)
}

describe('gonogo session new', () => {
  it('starts a session whose first event embeds the plan and its hash', () => {
    const dir = newSession()
    const [started] = events(dir)
    const validate = JSON.parse(gonogo(['validate', SMALL, '--json']).stdout) as { hash: string }
    expect(started).toMatchObject({
      seq: 1,
      type: 'session.started',
      actor: { name: 'Ada Lovelace', role: 'Release Captain' },
      data: {
        planHash: validate.hash,
        vars: { target: 'https://app.example.com' },
        source: 'small-launch.yaml',
      },
    })
    expect((started?.data.plan as { name: string }).name).toBe('Small launch')
  })

  it('applies --var overrides to the session', () => {
    const dir = join(tempDir(), 's')
    expect(
      run('session', 'new', SMALL, dir, '--var', 'target=https://staging.example.com').code,
    ).toBe(0)
    expect(events(dir)[0]?.data.vars).toEqual({ target: 'https://staging.example.com' })
  })

  it('refuses a directory that already holds something, and a broken plan', () => {
    const dir = newSession()
    expectRefused(dir, run('session', 'new', SMALL, dir), /already exists and is not empty/)
    const r = run(
      'session',
      'new',
      resolve('test/fixtures/plans/bad-blocking.yaml'),
      join(tempDir(), 'x'),
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/bad-blocking.yaml:8:\d+: phases\[0\].items\[0\].blocking/)
  })
})

describe('gonogo mark / waive / note', () => {
  it('records a status with its reason and the acting person', () => {
    const dir = newSession()
    const r = gonogo(
      ['mark', dir, 'health', 'fail', '--note', '503 from /healthz', '--role', 'SRE Lead'],
      { env: { GONOGO_ACTOR: 'Grace' } },
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('health: fail (seq 2)\n')
    expect(events(dir)[1]).toMatchObject({
      type: 'item.status',
      actor: { name: 'Grace', role: 'SRE Lead' },
      data: { item: 'health', status: 'fail', reason: '503 from /healthz' },
    })
  })

  it('copies evidence files into the session by SHA-256 and refers to them from the mark', () => {
    const dir = newSession()
    const shot = join(tempDir(), 'dashboard.txt')
    writeFileSync(shot, 'p95 212 ms, error rate 0.1%\n')
    expect(run('mark', dir, 'docs', 'pass', '--evidence', shot).code).toBe(0)
    const [, attached, mark] = events(dir)
    expect(attached).toMatchObject({
      type: 'evidence.attached',
      data: { item: 'docs', name: 'dashboard.txt', size: 28 },
    })
    const sha = attached?.data.sha256 as string
    expect(readFileSync(join(dir, 'attachments', sha), 'utf8')).toBe(
      'p95 212 ms, error rate 0.1%\n',
    )
    expect(mark?.data.evidence).toEqual([sha])
  })

  it('refuses an unknown item, a bad status word, a missing session and a missing evidence file', () => {
    const dir = newSession()
    expectRefused(
      dir,
      run('mark', dir, 'helth', 'pass'),
      /^gonogo mark: no item `helth` in the plan \(did you mean `health`\?\)$/m,
    )
    expectRefused(
      dir,
      run('mark', dir, 'health', 'done'),
      /status must be one of pass, fail, na, pending; got "done"/,
    )
    expectRefused(dir, run('mark', dir, 'health', 'waived'), /use a waiver/)
    expectRefused(
      dir,
      run('mark', join(dir, 'nope'), 'health', 'pass'),
      /nope: no session here \(events.jsonl not found\)/,
    )
    expectRefused(
      dir,
      run('mark', dir, 'health', 'pass', '--evidence', join(dir, 'missing.png')),
      /missing.png: cannot attach: no such file or directory/,
    )
  })

  it('waives with an approving role and an expiry, and checks both', () => {
    const dir = newSession(SIGNED)
    expectRefused(
      dir,
      run('waive', dir, 'health', '--reason', 'known flake', '--role', 'CEO'),
      /role "CEO" is not one of the plan's roles: CTO, SRE Lead/,
    )
    expectRefused(
      dir,
      run('waive', dir, 'health', '--reason', 'x', '--role', 'CTO', '--expires', 'soon'),
      /--expires: "soon" is not a duration/,
    )
    const r = run(
      'waive',
      dir,
      'health',
      '--reason',
      'known flake',
      '--role',
      'CTO',
      '--expires',
      '2h',
    )
    expect(r.code).toBe(0)
    const waiver = events(dir)[1]
    expect(waiver).toMatchObject({
      data: { item: 'health', status: 'waived', reason: 'known flake', waiver: { role: 'CTO' } },
    })
    const expiresAt = Date.parse((waiver?.data.waiver as { expiresAt: string }).expiresAt)
    expect(expiresAt - Date.now()).toBeGreaterThan(119 * 60_000)
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(120 * 60_000)
  })

  it('adds notes, which change neither readiness nor the digest', () => {
    const dir = newSession()
    const digest = run('digest', dir).stdout
    expect(run('note', dir, 'docs', 'waiting for review').code).toBe(0)
    expect(events(dir)[1]).toMatchObject({
      type: 'item.note',
      data: { item: 'docs', text: 'waiting for review' },
    })
    expect(run('digest', dir).stdout).toBe(digest)
  })
})

describe('gonogo status / digest / decide', () => {
  it('says NOT_READY with every reason and per-phase progress (exit 1)', () => {
    const dir = newSession()
    run('mark', dir, 'health', 'fail', '--note', '503')
    const r = run('status', dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('"Small launch": NOT_READY')
    expect(r.stdout).toMatch(
      /✗ blocking item `health` failed (just now|\d+ s ago) \(marked by Ada\): 503/,
    )
    expect(r.stdout).toContain('✗ 1 blocking item pending: `migrations`')
    expect(r.stdout).toContain('! 1 non-blocking item pending: `docs`')
    expect(r.stdout).toMatch(/Pre-deploy\s+0\/2 done \(1 fail, 1 pending\)/)
  })

  it('--json gives scripts the same facts', () => {
    const dir = newSession()
    run('mark', dir, 'health', 'pass')
    const r = run('status', dir, '--json')
    expect(r.code).toBe(1)
    const status = JSON.parse(r.stdout) as {
      verdict: string
      digest: string
      reasons: { level: string; message: string }[]
      phases: { id: string; done: number; total: number }[]
      items: { id: string; status: string }[]
      head: { seq: number }
    }
    expect(status.verdict).toBe('NOT_READY')
    expect(status.head.seq).toBe(2)
    expect(status.digest).toBe(run('digest', dir).stdout.trim())
    expect(status.items.map((i) => [i.id, i.status])).toEqual([
      ['health', 'pass'],
      ['migrations', 'pending'],
      ['docs', 'pending'],
    ])
    expect(status.phases).toMatchObject([
      { id: 'pre', done: 1, total: 2 },
      { id: 'after', done: 0, total: 1 },
    ])
  })

  it('is READY (exit 0) when blocking items are done, and then GO is recorded over the digest', () => {
    const dir = newSession()
    run('mark', dir, 'health', 'pass')
    run('mark', dir, 'migrations', 'na', '--note', 'no migrations in this release')
    const status = run('status', dir)
    expect(status.code).toBe(0)
    expect(status.stdout).toContain('"Small launch": READY')
    const digest = run('digest', dir).stdout
    expect(digest).toMatch(/^[0-9a-f]{64}\n$/)
    const go = run('decide', dir, 'go', '--reason', 'all green')
    expect(go.code).toBe(0)
    expect(events(dir).at(-1)).toMatchObject({
      type: 'decision.made',
      data: { decision: 'GO', reason: 'all green', digest: digest.trim() },
    })
    expect(run('status', dir).stdout).toMatch(/Decision: GO by Ada (just now|\d+ s ago): all green/)
  })

  it('refuses GO (exit 1) with the reasons when NOT_READY, and always takes NO-GO with a reason', () => {
    const dir = newSession(SIGNED)
    run('mark', dir, 'health', 'pass')
    const go = run('decide', dir, 'go', '--reason', 'ship it')
    expect(go.code).toBe(1)
    expect(go.stderr).toContain('GO is refused: the session is NOT_READY')
    expect(go.stderr).toContain('- role `CTO` has not signed the current digest')
    expect(events(dir).some((e) => e.type === 'decision.made')).toBe(false)
    const noReason = run('decide', dir, 'no-go')
    expect(noReason.code).toBe(2)
    expect(noReason.stderr).toContain('a NO-GO decision needs --reason TEXT')
    expect(run('decide', dir, 'no-go', '--reason', 'sign-offs missing').code).toBe(0)
    expect(run('decide', dir, 'maybe', '--reason', 'x').stderr).toContain(
      'the decision must be go or no-go; got "maybe"',
    )
  })
})

describe('a log changed on disk', () => {
  it('status exits 3 naming the first bad seq; writing commands refuse; --json says tampered', () => {
    const dir = newSession()
    run('mark', dir, 'health', 'fail', '--note', 'down')
    run('mark', dir, 'migrations', 'pass')
    const path = join(dir, 'events.jsonl')
    writeFileSync(path, readFileSync(path, 'utf8').replace('"status":"fail"', '"status":"pass"'))
    const status = run('status', dir)
    expect(status.code).toBe(3)
    expect(status.stderr).toMatch(
      /TAMPERED at seq 2: seq 2 \(line 2\) does not match its hash: the event was edited/,
    )
    expect(run('mark', dir, 'docs', 'pass').code).toBe(3)
    expect(run('digest', dir).code).toBe(3)
    const json = run('status', dir, '--json')
    expect(json.code).toBe(3)
    expect(JSON.parse(json.stdout)).toMatchObject({
      verdict: null,
      tampered: { seq: 2, kind: 'hash' },
      verifiedEvents: 1,
    })
  })

  it('status reports a torn last line and leaves it; the next writing command cuts it', () => {
    const dir = newSession()
    appendFileSync(join(dir, 'events.jsonl'), '{"actor":{"na')
    const status = run('status', dir)
    expect(status.code).toBe(1)
    expect(status.stderr).toContain('ignoring a torn last line (13 bytes)')
    const mark = run('mark', dir, 'health', 'pass')
    expect(mark.code).toBe(0)
    expect(mark.stderr).toContain('cut a torn last line (13 bytes, never acknowledged)')
    expect(events(dir).map((e) => e.seq)).toEqual([1, 2])
  })

  it('a log that is not a session is unreadable (exit 3)', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'events.jsonl'), 'hello\n')
    const r = run('status', dir)
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('TAMPERED at seq 1: line 1 is not a JSON event')
  })
})
