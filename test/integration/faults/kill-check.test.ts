import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EVENTS_FILE } from '../../../src/main/session/event-log'
import { Session } from '../../../src/main/session/session'
import { verifyLines } from '../../../src/shared/session/chain'
import { CLI, gonogo, gonogoAsync } from '../../helpers/cli'
import { largePlanYaml } from '../../helpers/large-plan'
import { useTempDirs } from '../../helpers/temp-dir'

const tempDir = useTempDirs('gonogo-kill-check-')
const PROBES = 60

// A target that answers every probe after 40 ms, so a run takes long enough to be killed mid-way.
const server = createServer((_req, res) => {
  setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 40)
})
let target = ''
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

const logLines = (dir: string) => readFileSync(join(dir, EVENTS_FILE), 'utf8').split('\n')

describe('SIGKILL of gonogo check --session in the middle of a run', () => {
  it('leaves a log that verifies; resuming keeps every event written and records the rest', async () => {
    const dir = tempDir()
    const plan = join(dir, 'plan.yaml')
    writeFileSync(plan, largePlanYaml({ items: PROBES, probes: PROBES, target }))
    const session = join(dir, 'session')
    const started = gonogo(['session', 'new', plan, session])
    expect(started.code, started.stderr).toBe(0)

    const child = spawn(
      process.execPath,
      [CLI, 'check', plan, '--session', session, '--concurrency', '2'],
      { stdio: 'ignore' },
    )
    // Kill once some results are durably in the log, while the run is far from done.
    const deadline = Date.now() + 30_000
    while (logLines(session).filter(Boolean).length < 11 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10))
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const written = logLines(session)
    // Complete lines (a torn last line, if any, was never acknowledged).
    const complete = written.slice(0, -1)
    expect(complete.length).toBeGreaterThan(10)
    expect(complete.length).toBeLessThan(PROBES + 1)

    const resumed = await gonogoAsync(['check', plan, '--session', session])
    expect(resumed.code, resumed.stderr).toBe(0)

    const after = logLines(session).filter(Boolean)
    // Every event written before the kill is still there, unchanged, and the chain verifies.
    expect(after.slice(0, complete.length)).toEqual(complete)
    expect(verifyLines(after).problem).toBeUndefined()
    const opened = await Session.open(session, { readOnly: true })
    try {
      expect(opened.report.problem).toBeUndefined()
      // The resumed run recorded a result for every probe.
      const results = after.slice(complete.length).filter((l) => l.includes('"probe.result"'))
      expect(results).toHaveLength(PROBES)
      expect(opened.state.items.every((i) => i.observation?.status === 'pass')).toBe(true)
    } finally {
      await opened.close()
    }
  }, 90_000)
})
