// npm run demo: the demo end to end, headless, in one command. Starts the demo target, starts a
// session on resources/plans/demo.yaml, runs its probes and its canary into the session, prints the results and
// the session's readiness, stops the target. Extra arguments go to the demo target (--fault NAME).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const gonogo = ['bin/gonogo.mjs']
const target = spawn(
  process.execPath,
  [...gonogo, 'demo', '--port', '0', ...process.argv.slice(2)],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
const url = await new Promise((resolve, reject) => {
  let out = ''
  target.stdout.setEncoding('utf8').on('data', (chunk) => {
    out += chunk
    const m = /^GoNoGo demo target listening on (\S+)$/m.exec(out)
    if (m) resolve(m[1])
  })
  target.on('exit', (code) => reject(new Error(`the demo target exited (${code}): ${out}`)))
})
console.log(`demo target: ${url}`)

const env = {
  ...process.env,
  GONOGO_SECRET_INTEGRATION_KEY: 'demo_live_4f9c2e7a1b8d',
  GONOGO_SECRET_REVOKED_KEY: 'demo_revoked_9a1b3c5d7e2f',
  GONOGO_ACTOR: process.env.GONOGO_ACTOR ?? 'Demo captain',
}
const run = (...args) =>
  spawnSync(process.execPath, [...gonogo, ...args], { stdio: 'inherit', env }).status ?? 1
const session = join(mkdtempSync(join(tmpdir(), 'gonogo-demo-')), 'session')
let code = run(
  'session',
  'new',
  'resources/plans/demo.yaml',
  session,
  '--var',
  `target=${url}`,
  '--role',
  'Founder',
)
if (code === 0) {
  console.log('')
  code = run('check', 'resources/plans/demo.yaml', '--session', session, '--var', `target=${url}`)
  console.log('')
  // The canary needs a Prometheus scraping the target (README, "Canary analysis"); without one the
  // item is blocked and says where it looked. Its verdict does not change the demo's exit code.
  run('canary', 'resources/plans/demo.yaml', 'canary-analysis', '--session', session)
  console.log('')
  run('status', session)
  console.log(`session: ${session}`)
  console.log('')
  exportRecord(session)
}
target.kill('SIGTERM')
process.exit(code)

/**
 * End with the signed record. Its signing keys live in a keychain: the demo uses a throwaway
 * gnome-keyring of its own (a temporary D-Bus session and data directory), so it never touches
 * the user's keychain; without those tools it says what to install.
 */
function exportRecord(dir) {
  const base = join(dirname(dir), 'launch-record')
  const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0
  if (!has('dbus-run-session') || !has('gnome-keyring-daemon')) {
    console.log(
      'record: not exported: the demo needs dbus and gnome-keyring for its throwaway keychain (apt-get install dbus gnome-keyring)',
    )
    return
  }
  const keyringData = mkdtempSync(join(tmpdir(), 'gonogo-demo-keyring-'))
  const r = spawnSync(
    'dbus-run-session',
    [
      '--',
      'sh',
      '-c',
      'printf demo | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$0" "$@"',
      process.execPath,
      ...gonogo,
      'record',
      dir,
      '-o',
      `${base}.pdf`,
      '--captain',
      env.GONOGO_ACTOR,
    ],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
      env: { ...env, XDG_DATA_HOME: keyringData, GONOGO_PKI_DIR: join(dirname(dir), 'pki') },
    },
  )
  if (r.status !== 0)
    console.log(
      `record: not exported: ${(r.stderr ?? '').split('\n').find((l) => l.startsWith('gonogo')) ?? `exit ${r.status}`}`,
    )
  else
    console.log(
      `check it: gonogo verify ${base}.pdf --trust ${join(dirname(dir), 'pki', 'gonogo-root-ca.pem')} --session ${dir}`,
    )
}
