import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as pkijs from 'pkijs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gonogo, gonogoAsync } from '../helpers/cli'
import { openssl, type CompanyPki } from '../helpers/company-pki'
import { startDecidedSession, type DecidedSession } from '../helpers/decided-session'
import { startTsa } from '../helpers/tsa'

/**
 * Trusted time: `gonogo record --tsa URL` adds an RFC 3161 signature time-stamp (PAdES B-T) from
 * a TSA on loopback (openssl ts -reply behind a small HTTP server). OpenSSL accepts the embedded
 * token, pdfsig still reports the signature valid, gonogo verify reports the attested time and
 * refuses a tampered token.
 */

/** The CMS in the PDF's /Contents: the signer's signature value and its time-stamp token. */
function signatureParts(pdf: Buffer) {
  const [, start, end] = /\/ByteRange\s*\[\s*\d+\s+(\d+)\s+(\d+)/
    .exec(pdf.toString('latin1'))!
    .map(Number)
  const hex = pdf.toString('latin1', start! + 1, end! - 1).replace(/(00)+$/, '')
  const der = Buffer.from(hex, 'hex')
  const info = pkijs.ContentInfo.fromBER(new Uint8Array(der))
  const signerInfo = new pkijs.SignedData({ schema: info.content }).signerInfos[0]!
  const token = signerInfo.unsignedAttrs?.attributes[0]?.values[0]
  return {
    start: start! + 1,
    hex,
    signature: Buffer.from(signerInfo.signature.valueBlock.valueHexView),
    token: token ? Buffer.from(token.toBER(false)) : undefined,
  }
}

describe('an RFC 3161 signature time-stamp on the record', { timeout: 180_000 }, () => {
  let setup: DecidedSession
  let tsa: Awaited<ReturnType<typeof startTsa>>
  let pki: CompanyPki
  let env: NodeJS.ProcessEnv
  const work = { dir: '', session: '', pdf: '', root: '' }

  beforeAll(async () => {
    setup = await startDecidedSession('gonogo-tsa-test-', 'Time-stamped launch')
    ;({ env, pki, dir: work.dir, session: work.session, localRoot: work.root } = setup)
    const chain = join(work.dir, 'tsa-chain.pem')
    writeFileSync(chain, openssl(['x509', '-in', pki.tsaRoot]))
    tsa = await startTsa({ cert: pki.tsaCert, key: pki.tsaKey, chain })
    work.pdf = join(work.dir, 'record.pdf')
    // Async: the TSA runs in this process.
    const r = await gonogoAsync(['record', work.session, '-o', work.pdf, '--tsa', tsa.url], { env })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(tsa.requests()).toBe(1)
  }, 120_000)

  afterAll(async () => {
    await tsa?.close()
    setup?.dispose()
  })

  it('openssl ts -verify accepts the embedded token over the signature value; pdfsig: valid', () => {
    const parts = signatureParts(readFileSync(work.pdf))
    expect(parts.token).toBeDefined()
    const token = join(work.dir, 'token.der')
    const data = join(work.dir, 'signature-value.bin')
    writeFileSync(token, parts.token!)
    writeFileSync(data, parts.signature)
    const verdict = spawnSync(
      'openssl',
      ['ts', '-verify', '-in', token, '-token_in', '-data', data, '-CAfile', pki.tsaRoot],
      { encoding: 'utf8' },
    )
    expect(verdict.stdout).toContain('Verification: OK')
    expect(verdict.status).toBe(0)
    // Over anything else, OpenSSL refuses it (the imprint binds the token to this signature).
    writeFileSync(data, Buffer.concat([parts.signature, Buffer.from([0])]))
    const other = spawnSync(
      'openssl',
      ['ts', '-verify', '-in', token, '-token_in', '-data', data, '-CAfile', pki.tsaRoot],
      { encoding: 'utf8' },
    )
    expect(other.status).not.toBe(0)
    const pdfsig = spawnSync('pdfsig', [work.pdf], { encoding: 'utf8' })
    expect(pdfsig.stdout).toContain('Signature Validation: Signature is Valid.')
  })

  it('gonogo verify reports the attested time and checks the TSA against the roots given', () => {
    const r = gonogo(['verify', work.pdf, '--trust', work.root, '--trust', pki.tsaRoot])
    expect(r.stdout.split('\n').filter((l) => l.startsWith('✗'))).toEqual([])
    expect(r.stdout).toMatch(
      /✓ time-stamped at \S+Z by Test Time-Stamping Authority, Throwaway \(RFC 3161, over the signature value\)/,
    )
    expect(r.stdout).toContain(
      '✓ the time-stamping authority chains to a trusted root (Test TSA Root, Throwaway)',
    )
    expect(r.stdout).toMatch(/✓ the export time \S+ is attested: Test Time-Stamping Authority/)
    expect(r.stdout.trim().endsWith('record verified')).toBe(true)
    expect(r.code).toBe(0)
    // The record's root alone does not vouch for the TSA.
    const noTsaRoot = gonogo(['verify', work.pdf, '--trust', work.root])
    expect(noTsaRoot.stdout).toContain(
      '✗ the time-stamping authority does not chain to a trusted root',
    )
    expect(noTsaRoot.code).toBe(1)
    const json = JSON.parse(gonogo(['verify', work.pdf, '--json']).stdout) as {
      verdict: string
      timestamp: { time: string; authority: string }
    }
    expect(json.verdict).toBe('integrity-only')
    expect(Date.parse(json.timestamp.time)).toBeGreaterThan(Date.now() - 3_600_000)
  })

  it('a tampered time-stamp token fails verify', () => {
    const pdf = readFileSync(work.pdf)
    const parts = signatureParts(pdf)
    // The token's genTime (GeneralizedTime, four-digit year): change its month digit.
    const year = Buffer.from(String(new Date().getUTCFullYear())).toString('hex')
    const at = parts.hex.lastIndexOf(year)
    expect(at).toBeGreaterThan(0)
    const digit = at + year.length + 3 // the low hex digit of the month's second character
    const copy = Buffer.from(pdf)
    const old = String.fromCharCode(copy[parts.start + digit]!)
    copy[parts.start + digit] = (old === '1' ? '2' : '1').charCodeAt(0)
    const file = join(work.dir, 'tampered.pdf')
    writeFileSync(file, copy)
    const r = gonogo(['verify', file, '--trust', work.root, '--trust', pki.tsaRoot])
    expect(r.stdout).toMatch(/✗ time-stamp: /)
    expect(r.code).toBe(1)
  })

  it('a TSA that cannot be reached is a one-line refusal, and nothing is written', () => {
    const pdf = join(work.dir, 'unreached.pdf')
    const r = gonogo(['record', work.session, '-o', pdf, '--tsa', 'http://127.0.0.1:9/tsa'], {
      env,
    })
    expect(r.stderr.trim()).toMatch(
      /^gonogo record: not exported: --tsa http:\/\/127\.0\.0\.1:9\/tsa: no answer/,
    )
    expect(r.code).toBe(1)
    expect(spawnSync('test', ['-e', pdf]).status).toBe(1)
  })
})
