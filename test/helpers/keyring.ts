import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Where this test process's gnome-keyring keeps its keyrings (XDG_DATA_HOME): a directory of its
 * own, so tests never see each other's credentials, nor touch the user's real keyring. One per
 * process, so a "locked" session finds the login keyring an "unlocked" one created.
 */
const KEYRING_DATA = mkdtempSync(join(tmpdir(), 'gonogo-keyring-data-'))

/** The system tools a keychain test needs, by the Debian package that provides them. */
const TOOLS = { 'dbus-run-session': 'dbus', 'gnome-keyring-daemon': 'gnome-keyring' } as const

export function requireKeyringTools(): void {
  for (const [tool, pkg] of Object.entries(TOOLS)) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
      throw new Error(
        `this test needs ${tool}: install the Debian package "${pkg}" (apt-get install ${pkg})`,
      )
  }
}

export type KeyringState = 'unlocked' | 'locked' | 'no-secret-service'

/** A D-Bus config with no service directories: nothing can provide org.freedesktop.secrets. */
function bareBusConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gonogo-bus-'))
  const file = join(dir, 'session.conf')
  writeFileSync(
    file,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${dir}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>\n`,
  )
  return file
}

/**
 * Run a shell script inside a fresh D-Bus session: with an unlocked gnome-keyring (the real
 * Secret Service), a locked one, or no Secret Service at all. The script's environment is this
 * process's plus `env`.
 */
export function inKeyringSession(
  state: KeyringState,
  script: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string; rawStderr: string }> {
  requireKeyringTools()
  const start =
    state === 'unlocked'
      ? 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1'
      : state === 'locked'
        ? 'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1'
        : 'true'
  const args = state === 'no-secret-service' ? [`--config-file=${bareBusConfig()}`] : []
  // Asynchronous on purpose: the servers these scripts talk to run in this very process.
  return new Promise((resolve, reject) => {
    const child = spawn('dbus-run-session', [...args, '--', 'sh', '-c', `${start}; ${script}`], {
      env: { ...process.env, XDG_DATA_HOME: KEYRING_DATA, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let rawStderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (rawStderr += c))
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      // dbus-daemon and the keyring's prompter talk on stderr; keep only GoNoGo's lines.
      const stderr = rawStderr
        .split('\n')
        .filter((l) => l.startsWith('gonogo') || l.startsWith('credentials:'))
        .join('\n')
      resolve({ code, stdout, stderr, rawStderr })
    })
  })
}

/**
 * A D-Bus session with an unlocked gnome-keyring that stays up until stop(): for a process that
 * talks to the Secret Service itself (the e2e handlers). libdbus reads the session address once
 * per process, so one daemon serves a whole test worker.
 */
export async function startKeyringDaemon(): Promise<{ address: string; stop: () => void }> {
  requireKeyringTools()
  const child = spawn(
    'dbus-run-session',
    [
      '--',
      'sh',
      '-c',
      'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; echo "$DBUS_SESSION_BUS_ADDRESS"; exec sleep 3600',
    ],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
      env: { ...process.env, XDG_DATA_HOME: KEYRING_DATA },
    },
  )
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('gnome-keyring did not start within 20 s')),
      20_000,
    )
    child.stdout.setEncoding('utf8').once('data', (line: string) => {
      clearTimeout(timer)
      resolve(line.trim())
    })
    child.once('error', reject)
  })
  if (!address.startsWith('unix:')) throw new Error(`unexpected D-Bus address: ${address}`)
  return {
    address,
    stop: () => {
      // The whole session: dbus-daemon, gnome-keyring-daemon and the sleep.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
    },
  }
}
