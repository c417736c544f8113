import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPlanFile } from '../../src/main/plans/plan-files'
import { gonogo } from '../helpers/cli'
import { startKeyringDaemon } from '../helpers/keyring'

/**
 * Who may sign for a role, and verification against the verifier's own anchors: pinned signers
 * (inline keys and an allowed_signers file, a quorum), refusals that name the allowed keys, the
 * unpinned flag everywhere, and `gonogo verify` that says "record verified" only with anchors.
 */

const NAMESPACE = 'gonogo-launch-record'

function sh(command: string, args: string[], input?: string) {
  const r = spawnSync(command, args, { encoding: 'utf8', input: input ?? '', timeout: 30_000 })
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(`this test needs ${command} (apt-get install openssh-client poppler-utils)`)
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('pinned signers and verification against your own anchors', { timeout: 180_000 }, () => {
  let keyring: { address: string; stop: () => void }
  let env: NodeJS.ProcessEnv
  const work = { dir: '', plan: '', session: '', pdf: '', team: '' }
  const keys: Record<string, { file: string; pub: string; fingerprint: string }> = {}
  const sign = (role: string, who: string, name = `${who}@example.com`) => {
    const digest = join(work.dir, `digest-${who}-${Date.now()}.txt`)
    writeFileSync(digest, gonogo(['digest', work.session]).stdout)
    expect(
      sh('ssh-keygen', ['-Y', 'sign', '-f', keys[who]!.file, '-n', NAMESPACE, digest]).code,
    ).toBe(0)
    return gonogo(
      ['sign', work.session, '--role', role, '--name', name, '--signature', `${digest}.sig`],
      { env },
    )
  }

  beforeAll(async () => {
    keyring = await startKeyringDaemon()
    work.dir = mkdtempSync(join(tmpdir(), 'gonogo-trust-'))
    env = {
      DBUS_SESSION_BUS_ADDRESS: keyring.address,
      GONOGO_PKI_DIR: join(work.dir, 'pki'),
      GONOGO_ACTOR: 'Trust Tester',
    }
    for (const who of ['ada', 'grace', 'hopper', 'mallory']) {
      const file = join(work.dir, `id_${who}`)
      sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${who}@example.com`, '-f', file])
      const pub = readFileSync(`${file}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')
      const fingerprint = sh('ssh-keygen', ['-l', '-f', `${file}.pub`]).stdout.split(' ')[1]!
      keys[who] = { file, pub, fingerprint }
    }
    work.team = join(work.dir, 'team.allowed_signers')
    writeFileSync(
      work.team,
      `# The SRE team: two of them must sign.\n` +
        `grace@example.com namespaces="${NAMESPACE}" ${keys.grace!.pub}\n` +
        `hopper@example.com ${keys.hopper!.pub}\n`,
    )
    work.plan = join(work.dir, 'plan.yaml')
    writeFileSync(
      work.plan,
      `name: Pinned launch
roles:
  - { name: CTO, signers: ['${keys.ada!.pub} ada@example.com'] }
  - { name: SRE, signersFile: team.allowed_signers, quorum: 2 }
  - QA
phases:
  - id: go
    title: Go
    items:
      - { id: smoke, title: Smoke test passed }
`,
    )
    work.session = join(work.dir, 'session')
    work.pdf = join(work.dir, 'record.pdf')
    expect(gonogo(['session', 'new', work.plan, work.session], { env }).code).toBe(0)
    expect(gonogo(['mark', work.session, 'smoke', 'pass'], { env }).code).toBe(0)
  }, 60_000)

  afterAll(() => {
    keyring?.stop()
    if (work.dir) rmSync(work.dir, { recursive: true, force: true })
  })

  it('refuses a key the plan does not pin for the role, naming the allowed fingerprints', () => {
    const r = sign('CTO', 'mallory')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${keys.mallory!.fingerprint} is not pinned for role "CTO"`)
    expect(r.stderr).toContain(`the plan allows ${keys.ada!.fingerprint} (ada@example.com)`)
    // A pinned key under another name than its allowed_signers principal is refused too.
    const renamed = sign('SRE', 'grace', 'someone@example.com')
    expect(renamed.code).toBe(1)
    expect(renamed.stderr).toContain(`as someone@example.com`)
    expect(sign('CTO', 'ada').code).toBe(0)
  })

  it('a quorum of 2 needs two distinct pinned keys over the current digest', () => {
    expect(sign('SRE', 'grace').code).toBe(0)
    // The same key again does not count twice.
    expect(sign('SRE', 'grace').code).toBe(0)
    let status = gonogo(['status', work.session], { env })
    expect(status.stdout).toMatch(/SRE: outdated 1\/2 keys/)
    expect(status.stdout).toContain(
      'needs 2 distinct pinned keys over the current digest; 1 signed',
    )
    expect(sign('SRE', 'hopper').code).toBe(0)
    status = gonogo(['status', work.session], { env })
    expect(status.stdout).toMatch(/SRE: current 2\/2 keys \(grace@example.com, hopper@example.com/)
    // Unpinned: flagged, and anyone's key counts.
    expect(status.stdout).toMatch(/QA: missing · ⚠ signer not pinned by the plan/)
    expect(status.stdout).not.toMatch(/CTO: .*not pinned/)
    expect(sign('QA', 'mallory').code).toBe(0)
  })

  it('ssh-keygen -Y verify accepts a sign-off with the plan’s own signers file', () => {
    const event = readFileSync(join(work.session, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data: Record<string, string> })
      .find((e) => e.type === 'signoff.added' && e.data.signer === 'hopper@example.com')!
    const sig = join(work.dir, 'hopper.sig')
    writeFileSync(sig, event.data.signature!)
    const r = sh(
      'ssh-keygen',
      ['-Y', 'verify', '-f', work.team, '-I', 'hopper@example.com', '-n', NAMESPACE, '-s', sig],
      gonogo(['digest', work.session]).stdout,
    )
    expect(r.stdout).toContain(`Good "${NAMESPACE}" signature for hopper@example.com`)
    expect(r.code).toBe(0)
  })

  describe('the record and gonogo verify', () => {
    const root = () => join(work.dir, 'pki', 'gonogo-root-ca.pem')
    const verifierFile = () => {
      const file = join(work.dir, 'verifier.allowed_signers')
      writeFileSync(
        file,
        ['ada', 'grace', 'hopper', 'mallory']
          .map((who) => `${who}@example.com ${keys[who]!.pub}`)
          .join('\n') + '\n',
      )
      return file
    }

    beforeAll(() => {
      expect(gonogo(['decide', work.session, 'go', '--reason', 'all signed'], { env }).code).toBe(0)
      const r = gonogo(['record', work.session, '-o', work.pdf], { env })
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
    }, 60_000)

    it('flags the unpinned role in record.json and the PDF', () => {
      const record = JSON.parse(readFileSync(work.pdf.replace(/\.pdf$/, '.json'), 'utf8')) as {
        roles: { name: string; pinned: boolean; quorum: number; note?: string }[]
      }
      expect(record.roles).toEqual([
        { name: 'CTO', pinned: true, quorum: 1 },
        { name: 'SRE', pinned: true, quorum: 2 },
        { name: 'QA', pinned: false, quorum: 1, note: 'signer not pinned by the plan' },
      ])
      const text = sh('pdftotext', [work.pdf, '-']).stdout
      expect(text).toContain('signer not pinned by the plan')
    })

    it('without anchors: integrity verified, signers not verified, exit 4 — never "record verified"', () => {
      const r = gonogo(['verify', work.pdf])
      expect(r.stdout.split('\n').filter((l) => l.startsWith('✗'))).toEqual([])
      expect(r.stdout.trim().split('\n').pop()).toBe(
        'integrity verified — signers not verified: no trust anchor given',
      )
      expect(r.stdout).not.toContain('record verified')
      expect(r.code).toBe(4)
      // The root alone anchors the PDF signer and, through the plan it signed, the pinned roles;
      // the unpinned QA sign-off is still nobody's word but the record's.
      const rooted = gonogo(['verify', work.pdf, '--trust', root()])
      expect(rooted.stdout).toContain('signers not verified: the sign-off(s) of QA')
      expect(rooted.code).toBe(4)
    })

    it('with the root and the verifier’s allowed_signers: record verified, exit 0', () => {
      const r = gonogo([
        'verify',
        work.pdf,
        '--trust',
        join(work.dir, 'pki'),
        '--allowed-signers',
        verifierFile(),
      ])
      expect(r.stdout.split('\n').filter((l) => l.startsWith('✗'))).toEqual([])
      expect(r.stdout).toContain(
        `✓ sign-off SRE by hopper@example.com: the key is one the plan pins for SRE`,
      )
      expect(r.stdout).toContain(
        `✓ sign-off QA by mallory@example.com: your allowed_signers admits ${keys.mallory!.fingerprint} as mallory@example.com`,
      )
      expect(r.stdout.trim().endsWith('record verified')).toBe(true)
      expect(r.code).toBe(0)
      const json = gonogo([
        'verify',
        work.pdf,
        '--trust',
        root(),
        '--allowed-signers',
        verifierFile(),
        '--json',
      ])
      const parsed = JSON.parse(json.stdout) as {
        verdict: string
        exitCode: number
        checks: { ok: boolean }[]
      }
      expect(parsed.verdict).toBe('verified')
      expect(parsed.exitCode).toBe(0)
      expect(parsed.checks.length).toBeGreaterThan(10)
      expect(json.code).toBe(0)
    })

    it('another allowed_signers file (other keys, or a namespace restriction) fails', () => {
      const other = join(work.dir, 'other.allowed_signers')
      writeFileSync(
        other,
        `ada@example.com ${keys.ada!.pub}\n` +
          `grace@example.com,hopper@example.com namespaces="git" ${keys.grace!.pub}\n` +
          `*@example.com,!mallory@example.com ${keys.mallory!.pub}\n`,
      )
      const r = gonogo(['verify', work.pdf, '--trust', root(), '--allowed-signers', other])
      expect(r.stdout).toContain(
        `✗ sign-off SRE by grace@example.com: your allowed_signers does not admit ${keys.grace!.fingerprint} as grace@example.com in namespace ${NAMESPACE}`,
      )
      expect(r.stdout).toContain(
        '✗ sign-off QA by mallory@example.com: your allowed_signers does not admit',
      )
      expect(r.stdout).toMatch(/record NOT verified: \d+ check\(s\) failed/)
      expect(r.code).toBe(1)
      const json = JSON.parse(
        gonogo(['verify', work.pdf, '--allowed-signers', other, '--json']).stdout,
      ) as { verdict: string; exitCode: number }
      expect(json).toMatchObject({ verdict: 'failed', exitCode: 1 })
    })

    it('a record forged end to end with another local CA fails verify --trust of the real root', () => {
      const forged = join(work.dir, 'forged.pdf')
      const r = gonogo(['record', work.session, '-o', forged], {
        env: { ...env, GONOGO_PKI_DIR: join(work.dir, 'mallory-pki') },
      })
      expect(r.code).toBe(0)
      // On its own it holds together…
      expect(gonogo(['verify', forged]).code).toBe(4)
      // …but not under the verifier's root.
      const v = gonogo(['verify', forged, '--trust', root(), '--allowed-signers', verifierFile()])
      expect(v.stdout).toContain('✗ the signer certificate does not chain to a trusted root')
      expect(v.code).toBe(1)
    })

    it('anchors that cannot be read are usage errors naming the file and line', () => {
      const bad = join(work.dir, 'bad.allowed_signers')
      writeFileSync(bad, `# fine\nada@example.com ssh-ed25519 !!notbase64\n`)
      const r = gonogo(['verify', work.pdf, '--allowed-signers', bad])
      expect(r.stderr).toContain(`${bad}:2: the ssh-ed25519 key is not base64`)
      expect(r.code).toBe(2)
      const noCert = gonogo(['verify', work.pdf, '--trust', work.team])
      expect(noCert.stderr).toContain('not an X.509 certificate')
      expect(noCert.code).toBe(2)
    })
  })

  it('the plan hash covers the pinned keys; a bad signers file is refused at file:line', async () => {
    const before = await loadPlanFile(work.plan)
    expect(before.ok).toBe(true)
    const team = readFileSync(work.team, 'utf8')
    try {
      writeFileSync(work.team, `${team}ada@example.com ${keys.ada!.pub}\n`)
      const after = await loadPlanFile(work.plan)
      expect(after.ok && before.ok && after.value.hash !== before.value.hash).toBe(true)
      writeFileSync(work.team, `${team}mallory@example.com ssh-ed25519\n`)
      const r = gonogo(['validate', work.plan])
      expect(r.stderr).toContain(`${work.team}:4`)
      expect(r.stderr).toContain('the ssh-ed25519 key is not base64')
      expect(r.code).toBe(2)
    } finally {
      writeFileSync(work.team, team)
    }
  })
})
