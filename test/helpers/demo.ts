import { spawn, type ChildProcess } from 'node:child_process'
import { afterEach } from 'vitest'
import { CLI } from './cli'

const running: ChildProcess[] = []
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM')
})

/** Start `gonogo demo` as a user would (a separate process) and wait for its first line. */
export function startDemoProcess(
  faults: string[] = [],
): Promise<{ url: string; firstLine: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CLI, 'demo', '--port', '0', ...faults.flatMap((f) => ['--fault', f])],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    running.push(child)
    let out = ''
    const timer = setTimeout(() => reject(new Error(`gonogo demo did not start: ${out}`)), 15_000)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const firstLine = out.split('\n')[0] ?? ''
      const match = /^GoNoGo demo target listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine)
      if (match && out.includes('\n')) {
        clearTimeout(timer)
        resolve({ url: match[1] ?? '', firstLine })
      }
    })
    child.on('exit', (code) => reject(new Error(`gonogo demo exited (${code}): ${out}`)))
  })
}

/** The demo's public credentials, as `gonogo demo` prints them. */
export const DEMO_ENV = {
  GONOGO_SECRET_INTEGRATION_KEY: 'demo_live_4f9c2e7a1b8d',
  GONOGO_SECRET_REVOKED_KEY: 'demo_revoked_9a1b3c5d7e2f',
}
