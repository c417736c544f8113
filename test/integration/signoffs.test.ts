import { spawnSync } from 'node:child_process'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gonogo } from '../helpers/cli'
import { startKeyringDaemon } from '../helpers/keyring'
import { useTempDirs } from '../helpers/temp-dir'

/**
 * Sign-offs are SSH signatures anyone can check with ssh-keygen: made with a GoNoGo key from the
 * real keychain, with the signer's own SSH key, or elsewhere and imported.
 */

const tempDir = useTempDirs('gonogo-signoffs-')
const PLAN = resolve('test/fixtures/plans/signed-launch.yaml')
const NAMESPACE = 'gonogo-launch-record'

function sh(command: string, args: string[], input?: string) {
  const r = spawnSync(command, args, { encoding: 'utf8', input: input ?? '', timeout: 30_000 })
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(
      `this test needs ${command}: install openssh-client (apt-get install openssh-client)`,
    )
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

interface SignoffEvent {
  type: string
  data: {
    role: string
    signer: string
    digest: string
    signature: string
    publicKey: string
    fingerprint: string
    method: string
  }
}
const signoffs = (dir: string) =>
  readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as SignoffEvent)
    .filter((e) => e.type === 'signoff.added')

/** ssh-keygen's own verdict on a recorded sign-off, with an allowed_signers file built from it. */
function sshVerify(dir: string, event: SignoffEvent) {
  const work = tempDir()
  const allowed = join(work, 'allowed_signers')
  writeFileSync(allowed, `${event.data.signer} namespaces="${NAMESPACE}" ${event.data.publicKey}\n`)
  const sig = join(work, 'signoff.sig')
  writeFileSync(sig, event.data.signature)
  const digestLine = gonogo(['digest', dir]).stdout
  return sh(
    'ssh-keygen',
    ['-Y', 'verify', '-f', allowed, '-I', event.data.signer, '-n', NAMESPACE, '-s', sig],
    digestLine,
  )
}

function newSession(): string {
  const dir = join(tempDir(), 'session')
  expect(gonogo(['session', 'new', PLAN, dir], { env: { GONOGO_ACTOR: 'Ada' } }).code).toBe(0)
  return dir
}

/** A key GoNoGo never saw, made by ssh-keygen, and a signature over the digest made by ssh-keygen. */
function externalSignature(dir: string, type: 'ed25519' | 'ecdsa' | 'rsa', namespace = NAMESPACE) {
  const work = tempDir()
  const key = join(work, `id_${type}`)
  expect(
    sh('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'grace@example.com', '-f', key]).code,
  ).toBe(0)
  const digestFile = join(work, 'digest.txt')
  writeFileSync(digestFile, gonogo(['digest', dir]).stdout)
  expect(sh('ssh-keygen', ['-Y', 'sign', '-f', key, '-n', namespace, digestFile]).code).toBe(0)
  return { key, sig: `${digestFile}.sig`, publicKey: readFileSync(`${key}.pub`, 'utf8') }
}

describe('sign-offs as SSH signatures', () => {
  let keyring: { address: string; stop: () => void }
  beforeAll(async () => {
    keyring = await startKeyringDaemon()
  })
  afterAll(() => keyring?.stop())
  const withKeyring = (args: string[]) =>
    gonogo(args, { env: { DBUS_SESSION_BUS_ADDRESS: keyring.address, GONOGO_ACTOR: 'Ada' } })

  it('signs with a GoNoGo key from the keychain; ssh-keygen -Y verify accepts it; the key exports to OpenSSH', () => {
    const dir = newSession()
    // The keyring lives on disk: a name of its own per run, deleted at the end.
    const name = `ada-${process.pid}-${Date.now()}`
    const made = withKeyring(['key', 'new', name, '--comment', 'ada@example.com'])
    expect(made.code).toBe(0)
    expect(made.stdout).toMatch(/^ssh-ed25519 AAAA[A-Za-z0-9+/]+=* ada@example\.com\n$/)
    expect(made.stderr).toMatch(/fingerprint SHA256:/)
    expect(withKeyring(['key', 'new', name]).stderr).toMatch(/already exists/)

    const signed = withKeyring([
      'sign',
      dir,
      '--role',
      'CTO',
      '--name',
      'ada@example.com',
      '--key',
      name,
    ])
    expect(signed.stderr).toBe('')
    expect(signed.code).toBe(0)
    const [event] = signoffs(dir)
    expect(event!.data).toMatchObject({
      role: 'CTO',
      signer: 'ada@example.com',
      method: 'keychain',
    })
    expect(made.stdout.startsWith(event!.data.publicKey)).toBe(true)
    const verdict = sshVerify(dir, event!)
    expect(verdict.stdout).toMatch(
      /Good "gonogo-launch-record" signature for ada@example.com with ED25519 key SHA256:/,
    )
    expect(verdict.code).toBe(0)
    expect(gonogo(['status', dir]).stdout).toMatch(/CTO: current \(ada@example\.com/)

    // The private key in OpenSSH format works with ssh-keygen, and is written 0600, never over a file.
    const exported = join(tempDir(), 'ada_ed25519')
    expect(withKeyring(['key', 'export', name, '-o', exported]).stderr).toMatch(/--private/)
    expect(
      withKeyring([
        'key',
        'export',
        name,
        '--private',
        '-o',
        exported,
        '--comment',
        'ada@example.com',
      ]).code,
    ).toBe(0)
    expect(statSync(exported).mode & 0o777).toBe(0o600)
    expect(withKeyring(['key', 'export', name, '--private', '-o', exported]).stderr).toMatch(
      /already exists/,
    )
    expect(sh('ssh-keygen', ['-y', '-f', exported]).stdout.trim()).toBe(
      `${event!.data.publicKey} ada@example.com`,
    )
    expect(withKeyring(['key', 'public', name, '--comment', 'ada@example.com']).stdout).toBe(
      made.stdout,
    )
  })

  for (const type of ['ed25519', 'ecdsa', 'rsa'] as const)
    it(`imports a ${type} signature made by ssh-keygen -Y sign with a key GoNoGo never saw`, () => {
      const dir = newSession()
      const external = externalSignature(dir, type)
      const r = gonogo([
        'sign',
        dir,
        '--role',
        'SRE Lead',
        '--name',
        'grace@example.com',
        '--signature',
        external.sig,
      ])
      expect(r.stderr).toBe('')
      expect(r.stdout).toMatch(
        /^signed off: SRE Lead by grace@example.com \((ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa) SHA256:/,
      )
      const [event] = signoffs(dir)
      expect(external.publicKey.startsWith(event!.data.publicKey)).toBe(true)
      expect(event!.data.method).toBe('imported')
      expect(sshVerify(dir, event!).code).toBe(0)
    })

  it('signs with the signer’s own SSH key file through ssh-keygen', () => {
    const dir = newSession()
    const { key } = externalSignature(dir, 'ed25519')
    const r = gonogo([
      'sign',
      dir,
      '--role',
      'CTO',
      '--name',
      'grace@example.com',
      '--ssh-key',
      key,
    ])
    expect(r.code).toBe(0)
    expect(signoffs(dir)[0]!.data.method).toBe('ssh-key')
    expect(sshVerify(dir, signoffs(dir)[0]!).code).toBe(0)
  })

  it('refuses a signature over another digest, another namespace, another session, or garbage', () => {
    const dir = newSession()
    const stale = externalSignature(dir, 'ed25519')
    const wrongNamespace = externalSignature(dir, 'ed25519', 'file')
    // The state changes: the digest the first signature covered is no longer current.
    expect(gonogo(['mark', dir, 'health', 'pass'], { env: { GONOGO_ACTOR: 'Ada' } }).code).toBe(0)
    const sign = (sig: string, d = dir) =>
      gonogo(['sign', d, '--role', 'CTO', '--name', 'grace@example.com', '--signature', sig])
    const old = sign(stale.sig)
    expect(old.code).toBe(1)
    expect(old.stderr).toMatch(
      /^gonogo sign: refused: the signature does not verify: it was made over another message \(another digest\?\) or altered\. The current digest is [0-9a-f]{64}/,
    )
    expect(sign(wrongNamespace.sig).stderr).toMatch(
      /refused: signed for namespace "file", not "gonogo-launch-record" \(sign with -n gonogo-launch-record\)/,
    )
    // The same plan in another session has another digest: a sign-off cannot be carried over.
    const other = newSession()
    const elsewhere = externalSignature(other, 'ed25519')
    expect(sign(elsewhere.sig).stderr).toMatch(/refused: the signature does not verify/)
    const garbage = join(tempDir(), 'garbage.sig')
    writeFileSync(garbage, 'hello')
    expect(sign(garbage).stderr).toMatch(/refused: not an SSH signature/)
    expect(signoffs(dir)).toHaveLength(0)
    // A role the plan does not ask for, and a name that cannot be a principal.
    expect(
      gonogo(['sign', dir, '--role', 'CEO', '--name', 'x@y.z', '--signature', garbage]).stderr,
    ).toMatch(/role "CEO" is not one the plan asks to sign off \(roles: CTO, SRE Lead\)/)
    expect(
      gonogo(['sign', dir, '--role', 'CTO', '--name', 'Grace Hopper', '--signature', garbage]).code,
    ).toBe(2)
  })

  it('marks a sign-off outdated once the state it signed changes', () => {
    const dir = newSession()
    const external = externalSignature(dir, 'ed25519')
    expect(
      gonogo([
        'sign',
        dir,
        '--role',
        'CTO',
        '--name',
        'grace@example.com',
        '--signature',
        external.sig,
      ]).code,
    ).toBe(0)
    expect(gonogo(['status', dir]).stdout).toMatch(/CTO: current/)
    gonogo(['mark', dir, 'health', 'fail', '--note', 'pager'], { env: { GONOGO_ACTOR: 'Ada' } })
    expect(gonogo(['status', dir]).stdout).toMatch(/CTO: outdated/)
  })
})
