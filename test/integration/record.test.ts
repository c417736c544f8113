import { spawnSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyCli } from '../../src/main/cli/commands/verify'
import { attachedFiles, verifyPdfSignature } from '../../src/main/record/verify-pdf'
import { canonicalJson } from '../../src/shared/canonical'
import { gonogo, gonogoAsync } from '../helpers/cli'
import { startKeyringDaemon } from '../helpers/keyring'
import { json, startServer, type TestServer } from '../helpers/servers'
import { useTempDirs } from '../helpers/temp-dir'

/**
 * The signed launch record, checked with the standard tools a verifier has: poppler's pdfsig,
 * pdftotext and pdfdetach, qpdf, NSS's certutil and OpenSSH's ssh-keygen.
 */

const tempDir = useTempDirs('gonogo-record-')
const PLAN = resolve('test/fixtures/plans/record-launch.yaml')
const NAMESPACE = 'gonogo-launch-record'
const PACKAGES: Record<string, string> = {
  pdfsig: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdfdetach: 'poppler-utils',
  qpdf: 'qpdf',
  certutil: 'libnss3-tools',
  'ssh-keygen': 'openssh-client',
}

function tool(command: string, args: string[], input?: string) {
  const r = spawnSync(command, args, { encoding: 'utf8', input: input ?? '', timeout: 30_000 })
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(
      `this test needs ${command}: install ${PACKAGES[command]} (apt-get install ${PACKAGES[command]})`,
    )
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the signed launch record', () => {
  let keyring: { address: string; stop: () => void }
  let metrics: TestServer
  const work = { dir: '', session: '', pki: '', out: '', otherRecord: '', signers: '' }
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    keyring = await startKeyringDaemon()
    metrics = await startServer({
      extra: (_req, res) =>
        json(res, 200, {
          canary: Array.from({ length: 25 }, (_, i) => 180 + (i % 7)),
          baseline: Array.from({ length: 25 }, (_, i) => 178 + (i % 7)),
        }),
    })
    // Shared by every test below (useTempDirs' directories go after each test).
    work.dir = mkdtempSync(join(tmpdir(), 'gonogo-record-all-'))
    work.session = join(work.dir, 'session')
    work.pki = join(work.dir, 'pki')
    work.out = join(work.dir, 'launch.pdf')
    env = {
      DBUS_SESSION_BUS_ADDRESS: keyring.address,
      GONOGO_PKI_DIR: work.pki,
      GONOGO_ACTOR: 'Ada Lovelace',
    }
    const run = (...args: string[]) => {
      const r = gonogo(args, { env })
      if (r.code !== 0) throw new Error(`gonogo ${args.join(' ')}: ${r.stderr}`)
      return r
    }
    const vars = ['--var', `metrics=${metrics.url}/stats`]
    run('session', 'new', PLAN, work.session, ...vars, '--role', 'Release Captain')
    run('mark', work.session, 'health', 'pass', '--note', 'checked by hand: 200 OK, Ωμέγα ✓')
    run('mark', work.session, 'backups', 'pass')
    run('waive', work.session, 'docs', '--reason', 'changelog ships tomorrow', '--role', 'CTO')
    const checked = await gonogoAsync(
      ['check', PLAN, ...vars, '--session', work.session, '--only', 'api-health'],
      { env },
    )
    expect(checked.code).toBe(0)
    const canary = await gonogoAsync(
      ['canary', PLAN, 'canary-latency', ...vars, '--session', work.session],
      { env },
    )
    expect(canary.stderr).toBe('')
    expect(canary.code).toBe(0)
    // One sign-off with a GoNoGo key from the keychain, one made elsewhere with ssh-keygen.
    const keyName = `ada-record-${process.pid}-${Date.now()}`
    const adaKey = run('key', 'new', keyName, '--comment', 'ada@example.com').stdout
    run('sign', work.session, '--role', 'CTO', '--name', 'ada@example.com', '--key', keyName)
    const key = join(work.dir, 'id_grace')
    tool('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key])
    const digestFile = join(work.dir, 'digest.txt')
    writeFileSync(digestFile, run('digest', work.session).stdout)
    tool('ssh-keygen', ['-Y', 'sign', '-f', key, '-n', NAMESPACE, digestFile])
    run(
      'sign',
      work.session,
      '--role',
      'SRE Lead',
      '--name',
      'grace@example.com',
      '--signature',
      `${digestFile}.sig`,
    )
    // The verifier's own allowed_signers: the keys they know belong to Ada and Grace.
    work.signers = join(work.dir, 'verifier.allowed_signers')
    const pub = (line: string) => line.trim().split(/\s+/).slice(0, 2).join(' ')
    writeFileSync(
      work.signers,
      `ada@example.com namespaces="${NAMESPACE}" ${pub(adaKey.split('\n').find((l) => l.startsWith('ssh-'))!)}\n` +
        `grace@example.com ${pub(readFileSync(`${key}.pub`, 'utf8'))}\n`,
    )
    run('decide', work.session, 'go', '--reason', 'every gate green, both roles signed')
    const exported = run('record', work.session, '-o', work.out)
    expect(exported.stdout).toMatch(
      /^record: .*launch\.pdf \(\d+ bytes, signed by CN=Ada Lovelace, O=GoNoGo launch captain\)/,
    )
    run('secret', 'delete', keyName)
  }, 120_000)

  afterAll(async () => {
    if (work.dir) rmSync(work.dir, { recursive: true, force: true })
    keyring?.stop()
    await metrics?.close()
  })

  it('pdfsig reports the signature valid, and the certificate trusted once the root is', () => {
    const plain = tool('pdfsig', [work.out])
    expect(plain.stdout).toContain('Signature Type: ETSI.CAdES.detached')
    expect(plain.stdout).toContain('Total document signed')
    expect(plain.stdout).toContain('Signature Validation: Signature is Valid.')
    const nss = join(work.dir, 'nss')
    tool('mkdir', ['-p', nss])
    expect(tool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']).code).toBe(0)
    const root = join(work.pki, 'gonogo-root-ca.pem')
    expect(
      tool('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'gonogo-root', '-t', 'CT,C,C', '-i', root])
        .code,
    ).toBe(0)
    const trusted = tool('pdfsig', ['-nssdir', `sql:${nss}`, work.out])
    expect(trusted.stdout).toContain('Signature Validation: Signature is Valid.')
    expect(trusted.stdout).toContain('Certificate Validation: Certificate is Trusted.')
  })

  it('qpdf finds no errors; pdftotext shows the decision, the digest and every script', () => {
    expect(tool('qpdf', ['--check', work.out]).code).toBe(0)
    const text = tool('pdftotext', [work.out, '-']).stdout
    const record = JSON.parse(readFileSync(work.out.replace(/\.pdf$/, '.json'), 'utf8')) as {
      digest: string
    }
    for (const expected of [
      'Launch decision record',
      'Запуск / Εκκίνηση — launch ≤ 2 h ✓ → €',
      'GO',
      'every gate green, both roles signed',
      `Digest: ${record.digest}`,
      'Health endpoint answers — Ελληνικά, кириллица, ≤ ✓ → €',
      'checked by hand: 200 OK, Ωμέγα ✓',
      'changelog ships tomorrow',
      'canary-latency: PASS',
      'grace@example.com',
      '✓ valid',
    ])
      expect(text).toContain(expected)
  })

  it('carries record.json, allowed_signers and the signatures as attachments, and ssh-keygen accepts each sign-off', () => {
    const list = tool('pdfdetach', ['-list', work.out]).stdout
    for (const name of [
      'record.json',
      'allowed_signers',
      'signoff-cto.sig',
      'signoff-sre-lead.sig',
    ])
      expect(list).toContain(name)
    const detached = join(work.dir, 'detached')
    tool('mkdir', ['-p', detached])
    expect(tool('pdfdetach', ['-saveall', '-o', detached, work.out]).code).toBe(0)
    const embedded = readFileSync(join(detached, 'record.json'), 'utf8')
    expect(embedded).toBe(readFileSync(work.out.replace(/\.pdf$/, '.json'), 'utf8'))
    expect(canonicalJson(JSON.parse(embedded))).toBe(embedded)
    const digestLine = gonogo(['digest', work.session]).stdout
    for (const [role, signer] of [
      ['cto', 'ada@example.com'],
      ['sre-lead', 'grace@example.com'],
    ] as const) {
      const verdict = tool(
        'ssh-keygen',
        [
          '-Y',
          'verify',
          '-f',
          join(detached, 'allowed_signers'),
          '-I',
          signer,
          '-n',
          NAMESPACE,
          '-s',
          join(detached, `signoff-${role}.sig`),
        ],
        digestLine,
      )
      expect(verdict.stdout).toContain(`Good "${NAMESPACE}" signature for ${signer}`)
      expect(verdict.code).toBe(0)
    }
  })

  it('gonogo verify never passes a mutated PDF or record.json (fuzzed, one changed byte)', async () => {
    const verify = async (bytes: Buffer, name: string) => {
      const file = join(work.dir, name)
      writeFileSync(file, bytes)
      let out = ''
      const code = await verifyCli(
        [
          file,
          '--trust',
          join(work.pki, 'gonogo-root-ca.pem'),
          '--allowed-signers',
          work.signers,
          '--session',
          work.session,
        ],
        {
          out: (t: string) => void (out += t),
          err: (t: string) => void (out += t),
          readStdin: async () => '',
          env: {},
          cwd: work.dir,
          isTty: false,
        },
      )
      return { code, out }
    }
    const pdf = readFileSync(work.out)
    const recordJson = (await attachedFiles(pdf)).get('record.json')!
    // The unmutated files verify: the property below is not vacuous.
    expect((await verify(pdf, 'ok.pdf')).code).toBe(0)
    expect((await verify(recordJson, 'ok.json')).code).toBe(0)
    // record.json's export time and generator are the exporter's own statement: the log does not
    // attest them (the PDF's signature does, so the PDF property below covers every byte).
    const text = recordJson.toString('latin1')
    const unattested = [/"generatedAt":"[^"]*"/, /"generator":\{[^}]*\}/].map((re) => {
      const m = re.exec(text)!
      return [m.index, m.index + m[0].length] as const
    })
    const attested = (at: number) => !unattested.some(([from, to]) => at >= from && at < to)
    expect(unattested.every(([from, to]) => to - from > 10)).toBe(true)
    const mutated = (bytes: Buffer, keep: (at: number) => boolean = () => true) =>
      fc.record({
        at: fc.nat({ max: bytes.length - 1 }).filter(keep),
        to: fc.integer({ min: 1, max: 255 }),
      })
    const mutate = (bytes: Buffer, at: number, delta: number) => {
      const copy = Buffer.from(bytes)
      copy[at] = (copy[at]! + delta) % 256
      return copy
    }
    await fc.assert(
      fc.asyncProperty(mutated(recordJson, attested), async ({ at, to }) => {
        const r = await verify(mutate(recordJson, at, to), 'mutated.json')
        expect(
          r.code,
          `record.json byte ${at} changed (…${recordJson.subarray(Math.max(0, at - 40), at + 40).toString('latin1')}…):\n${r.out}`,
        ).toBe(1)
      }),
      { numRuns: 150 },
    )
    await fc.assert(
      fc.asyncProperty(mutated(pdf), async ({ at, to }) => {
        const r = await verify(mutate(pdf, at, to), 'mutated.pdf')
        expect(r.code, `PDF byte ${at} changed:\n${r.out}`).toBe(1)
      }),
      { numRuns: 60 },
    )
  }, 120_000)

  it('gonogo verify refuses every one-digit change to the CMS signature in /Contents', async () => {
    // Most of a CMS SignedData is outside its signature (algorithm identifiers, versions, content
    // types, the signer identifier, the carried root's own signature), so random fuzzing of the
    // whole file rarely lands on the bytes only the profile and certificate checks guard. Try them all.
    const pdf = readFileSync(work.out)
    const trusted = new X509Certificate(readFileSync(join(work.pki, 'gonogo-root-ca.pem'))).raw
    const [, start, end] = /\/ByteRange\s*\[\s*\d+\s+(\d+)\s+(\d+)/
      .exec(pdf.toString('latin1'))!
      .map(Number)
    const hex = pdf.toString('latin1', start! + 1, end! - 1)
    const derEnd = hex.replace(/0+$/, '').length
    expect(derEnd).toBeGreaterThan(1000)
    expect((await verifyPdfSignature(pdf, [trusted])).filter((c) => !c.ok)).toEqual([])
    const passed: string[] = []
    for (let i = 0; i < derEnd; i++) {
      const digit = Number.parseInt(hex[i]!, 16)
      const copy = Buffer.from(pdf)
      copy[start! + 1 + i] = (digit ^ 1).toString(16).charCodeAt(0)
      const checks = await verifyPdfSignature(copy, [trusted])
      if (checks.every((c) => c.ok)) passed.push(`hex digit ${i} (DER byte ${i >> 1})`)
    }
    expect(passed).toEqual([])
  }, 120_000)

  it('gonogo verify passes every check, with the trusted root and the session', () => {
    const r = gonogo([
      'verify',
      work.out,
      '--trust',
      join(work.pki, 'gonogo-root-ca.pem'),
      '--allowed-signers',
      work.signers,
      '--session',
      work.session,
    ])
    expect(r.stdout.split('\n').filter((l) => l.startsWith('✗'))).toEqual([])
    expect(r.stdout).toContain(
      '✓ sign-off CTO by ada@example.com: your allowed_signers admits SHA256:',
    )
    expect(r.stdout).toContain('✓ the CMS signature verifies (ETSI.CAdES.detached, SHA-256)')
    expect(r.stdout).toContain(
      '✓ the signer certificate chains to a trusted root (GoNoGo local root CA',
    )
    expect(r.stdout).toMatch(/✓ exported at \S+, after everything it records/)
    expect(r.stdout).toContain('✓ every unsigned field of the CMS signature is as GoNoGo writes it')
    expect(r.stdout).toContain(
      '✓ the 2 certificates carried with the signature each verify under their issuer',
    )
    expect(r.stdout).toMatch(
      /✓ sign-off SRE Lead by grace@example.com: ssh-ed25519 SHA256:\S+ signature valid over the record digest/,
    )
    expect(r.stdout).toContain('✓ GO with every role signed off on the recorded state')
    expect(r.stdout).toContain(
      '✓ 1 probe evidence excerpt(s) chain to the digest through their events',
    )
    expect(r.stdout).toMatch(/✓ the event log verifies and its head is the record's/)
    expect(r.stdout.trim().endsWith('record verified')).toBe(true)
    expect(r.code).toBe(0)
  })

  describe('tampering is caught', () => {
    const variant = (name: string, bytes: Buffer) => {
      const file = join(work.dir, name)
      writeFileSync(file, bytes)
      return file
    }
    const pdf = () => readFileSync(work.out)

    it('a flipped byte: gonogo verify and pdfsig both refuse', () => {
      const bytes = pdf()
      const at = Math.floor(bytes.length * 0.8)
      bytes[at] = bytes[at]! ^ 0x01
      const file = variant('flipped.pdf', bytes)
      const r = gonogo(['verify', file])
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(/✗ the CMS signature does not verify: the signed bytes changed/)
      expect(tool('pdfsig', [file]).stdout).toContain('Signature Validation: Digest Mismatch.')
    })

    it('bytes appended after the signature', () => {
      const file = variant('appended.pdf', Buffer.concat([pdf(), Buffer.from('\n%%EOF\n')]))
      const r = gonogo(['verify', file])
      expect(r.code).toBe(1)
      expect(r.stdout).toContain('✗ 7 bytes follow the signed range')
      expect(tool('pdfsig', [file]).stdout).toContain('Not total document signed')
    })

    it('an edited record.json inside the PDF', () => {
      // The attachment is a compressed stream: change one byte of it.
      const bytes = pdf()
      const at = bytes.indexOf('/Type /EmbeddedFile')
      expect(at).toBeGreaterThan(0)
      const stream = bytes.indexOf('stream', at) + 'stream\n'.length
      bytes[stream + 20] = bytes[stream + 20]! ^ 0x01
      const file = variant('edited-json.pdf', bytes)
      expect(gonogo(['verify', file]).code).toBe(1)
      expect(tool('pdfsig', [file]).stdout).toContain('Digest Mismatch')
    })

    it('an edited record.json next to it: the digest no longer adds up', () => {
      const record = JSON.parse(readFileSync(work.out.replace(/\.pdf$/, '.json'), 'utf8')) as {
        items: { id: string; status: string }[]
      }
      record.items.find((i) => i.id === 'backups')!.status = 'fail'
      const file = variant('edited.json', Buffer.from(canonicalJson(record)))
      const r = gonogo(['verify', file])
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(
        /✗ digest mismatch: the record says [0-9a-f]{64}, its contents hash to/,
      )
    })

    it('an export time moved before the decision it records', () => {
      const record = JSON.parse(readFileSync(work.out.replace(/\.pdf$/, '.json'), 'utf8')) as {
        generatedAt: string
        decision: { at: string }
      }
      const decided = record.decision.at
      record.generatedAt = new Date(Date.parse(decided) - 1).toISOString()
      const r = gonogo(['verify', variant('early.json', Buffer.from(canonicalJson(record)))])
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(
        `✗ record.json says it was exported at ${record.generatedAt}, before the decision (${decided})`,
      )
    })

    it('an edited evidence excerpt: it no longer chains to the digest', () => {
      const record = JSON.parse(readFileSync(work.out.replace(/\.pdf$/, '.json'), 'utf8')) as {
        items: { id: string; probe?: { http: { status: number } } }[]
      }
      const item = record.items.find((i) => i.id === 'api-health')!
      item.probe!.http.status = 201
      const r = gonogo([
        'verify',
        variant('edited-evidence.json', Buffer.from(canonicalJson(record))),
      ])
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(
        '✗ probe evidence of `api-health` does not match the event the digest covers (edited evidence)',
      )
    })

    it('a sign-off copied from another session', () => {
      const other = join(tempDir(), 'other')
      gonogo(['session', 'new', PLAN, other, '--var', `metrics=${metrics.url}/stats`], { env })
      const key = join(tempDir(), 'id_mallory')
      tool('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key])
      const digestFile = join(tempDir(), 'digest.txt')
      writeFileSync(digestFile, gonogo(['digest', other]).stdout)
      tool('ssh-keygen', ['-Y', 'sign', '-f', key, '-n', NAMESPACE, digestFile])
      // It cannot be imported into this session…
      const refused = gonogo(
        [
          'sign',
          work.session,
          '--role',
          'CTO',
          '--name',
          'mallory@example.com',
          '--signature',
          `${digestFile}.sig`,
        ],
        { env },
      )
      expect(refused.code).toBe(1)
      // …nor pasted into the record as a current sign-off.
      const record = JSON.parse(readFileSync(work.out.replace(/\.pdf$/, '.json'), 'utf8')) as {
        signoffs: Record<string, unknown>[]
      }
      const pub = readFileSync(`${key}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')
      record.signoffs[0] = {
        ...record.signoffs[0],
        signer: 'mallory@example.com',
        digest: readFileSync(digestFile, 'utf8').trim(),
        signature: readFileSync(`${digestFile}.sig`, 'utf8'),
        publicKey: pub,
      }
      const r = gonogo(['verify', variant('copied.json', Buffer.from(canonicalJson(record)))])
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(
        /✗ sign-off CTO by mallory@example.com: recorded as current, but it signs another digest/,
      )
    })

    it('an edited event log', () => {
      const copy = join(tempDir(), 'session-copy')
      tool('cp', ['-r', work.session, copy])
      const log = join(copy, 'events.jsonl')
      writeFileSync(
        log,
        readFileSync(log, 'utf8').replace('changelog ships tomorrow', 'changelog shipped already'),
      )
      const r = gonogo(['verify', work.out, '--session', copy])
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(/✗ the event log in .* does not verify/)
    })
  })
})
