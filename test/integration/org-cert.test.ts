import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gonogo } from '../helpers/cli'
import type { CompanyPki } from '../helpers/company-pki'
import { startDecidedSession, type DecidedSession } from '../helpers/decided-session'

/**
 * The record signed with an organisation's certificate (`gonogo record --cert`): a PKCS#12 file
 * from a company CA (root → issuing CA → RSA signer), or a PEM chain with its key in the
 * keychain. pdfsig reports it valid, and trusted once the company root is in its NSS database;
 * gonogo verify chains it to the company root and to nothing else.
 */

function tool(command: string, args: string[]) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 })
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(`this test needs ${command} (apt-get install poppler-utils libnss3-tools)`)
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('an organisation’s certificate signs the record', { timeout: 180_000 }, () => {
  let setup: DecidedSession
  let env: NodeJS.ProcessEnv
  let pki: CompanyPki
  const work = { dir: '', session: '', pdf: '' }

  beforeAll(async () => {
    setup = await startDecidedSession('gonogo-orgcert-', 'Org-signed launch')
    ;({ env, pki, dir: work.dir, session: work.session } = setup)
    work.pdf = join(work.dir, 'record.pdf')
    const r = gonogo(['record', work.session, '-o', work.pdf, '--cert', pki.p12], {
      env: { ...env, GONOGO_CERT_PASSWORD: pki.p12Password },
    })
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/signed by Ada Lovelace, Acme Test, ada@acme\.test\)/)
    expect(r.code).toBe(0)
  }, 120_000)

  afterAll(() => setup?.dispose())

  it('pdfsig: valid, and trusted through the company root in an NSS database', () => {
    const plain = tool('pdfsig', [work.pdf])
    expect(plain.stdout).toContain('Signer Certificate Common Name: Ada Lovelace')
    expect(plain.stdout).toContain('Signature Validation: Signature is Valid.')
    const nss = join(work.dir, 'nss')
    tool('mkdir', ['-p', nss])
    expect(tool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']).code).toBe(0)
    expect(
      tool('certutil', [
        '-A',
        '-d',
        `sql:${nss}`,
        '-n',
        'acme-root',
        '-t',
        'CT,C,C',
        '-i',
        pki.root,
      ]).code,
    ).toBe(0)
    const trusted = tool('pdfsig', ['-nssdir', `sql:${nss}`, work.pdf])
    expect(trusted.stdout).toContain('Signature Validation: Signature is Valid.')
    expect(trusted.stdout).toContain('Certificate Validation: Certificate is Trusted.')
  })

  it('gonogo verify: the chain reaches the company root, and not the local GoNoGo root', () => {
    const r = gonogo(['verify', work.pdf, '--trust', pki.root])
    expect(r.stdout.split('\n').filter((l) => l.startsWith('✗'))).toEqual([])
    expect(r.stdout).toContain(
      '✓ the signer certificate chains to a trusted root (Acme Test Root CA, Acme Test)',
    )
    expect(r.stdout).toContain('✓ every unsigned field of the CMS signature is as GoNoGo writes it')
    expect(r.stdout).toContain(
      '✓ the 2 certificates carried with the signature each verify under their issuer',
    )
    expect(r.stdout.trim().endsWith('record verified')).toBe(true)
    expect(r.code).toBe(0)
    const other = gonogo(['verify', work.pdf, '--trust', pki.tsaRoot])
    expect(other.stdout).toContain('✗ the signer certificate does not chain to a trusted root')
    expect(other.code).toBe(1)
  })

  it('a PEM chain with its private key in the keychain signs the same way', () => {
    const keyName = `acme-ada-${process.pid}`
    expect(
      gonogo(['secret', 'set', keyName, '--kind', 'signing-key', '--from-file', pki.leafKey], {
        env,
      }).code,
    ).toBe(0)
    const pdf = join(work.dir, 'pem.pdf')
    const r = gonogo(
      ['record', work.session, '-o', pdf, '--cert', pki.chain, '--cert-key', keyName],
      { env },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const v = gonogo(['verify', pdf, '--trust', pki.root])
    expect(v.stdout.split('\n').filter((l) => l.startsWith('✗'))).toEqual([])
    expect(v.stdout.trim().endsWith('record verified')).toBe(true)
    expect(readFileSync(pdf).includes(Buffer.from('PRIVATE KEY'))).toBe(false)
    gonogo(['secret', 'delete', keyName], { env })
  })

  it('a wrong password or a missing key is a one-line usage error', () => {
    const wrong = gonogo(
      ['record', work.session, '-o', join(work.dir, 'x.pdf'), '--cert', pki.p12],
      {
        env: { ...env, GONOGO_CERT_PASSWORD: 'wrong' },
      },
    )
    expect(wrong.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(
        `gonogo record: ${pki.p12}: cannot open the PKCS#12 file (wrong password, or not a .p12/.pfx file)`,
      ),
    ])
    expect(wrong.code).toBe(2)
    // The password may come on stdin instead of the environment.
    const stdin = gonogo(
      ['record', work.session, '-o', join(work.dir, 'y.pdf'), '--cert', pki.p12],
      {
        env,
        input: `${pki.p12Password}\n`,
      },
    )
    expect(stdin.code).toBe(0)
    const noKey = gonogo(
      ['record', work.session, '-o', join(work.dir, 'z.pdf'), '--cert', pki.chain],
      {
        env,
      },
    )
    expect(noKey.stderr).toContain('is a PEM chain: name its private key')
    expect(noKey.code).toBe(2)
  })
})
