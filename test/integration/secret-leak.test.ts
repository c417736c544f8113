import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gonogo, gonogoAsync } from '../helpers/cli'
import { startKeyringDaemon } from '../helpers/keyring'
import { json, startServer, type TestServer } from '../helpers/servers'

/**
 * The secret-leak canary. Unique values are planted in every credential kind, half in the keychain
 * and half in the environment; every probe kind runs against a target that echoes whatever
 * credentials it receives back in bodies and headers, including failing flows and auth errors;
 * the record is exported. Then everything produced is searched: the session directory, every
 * command's stdout and stderr, the PDF bytes, its text, and record.json. Zero occurrences — of the
 * planted values and of every credential-derived value the target saw (JWTs, Basic headers).
 */

const canary = (what: string) => `CANARY${what}${randomBytes(6).toString('hex')}`
const TOKEN = canary('tok')
const BASIC_USER = canary('usr')
const BASIC_PASSWORD = canary('pwd')
const HEADER_VALUE = canary('hdr')
const ASC_ISSUER = canary('iss')
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
const ASC_KEY = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const GOOGLE_KEY = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const ed = generateKeyPairSync('ed25519')
/** The sign-off key (kind signing-key), planted in the environment. */
const SIGNING_KEY = ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
/** Secrets the target mints and returns: in JSON, in a form body, in a header, shaped like a JWT. */
const MINTED_JSON = canary('mintjson')
const MINTED_FORM = canary('mintform')
const MINTED_HEADER = canary('minthdr')
const MINTED_JWT = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: canary('jwt') })).toString('base64url')}.${randomBytes(16).toString('base64url')}`
const GOOGLE_EMAIL = `${canary('sa').toLowerCase()}@leak-test.iam.gserviceaccount.com`
/** A line from the middle of each private key: a leak of the key would contain it. */
const keyBody = (pem: string) => pem.split('\n')[3]!

describe('secret-leak canary across every credential kind and output', () => {
  let keyring: { address: string; stop: () => void }
  let target: TestServer
  const seen = new Set<string>()
  const work = { dir: '', session: '', pdf: '' }
  const outputs: string[] = []
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    keyring = await startKeyringDaemon()
    // Echoes every credential it receives (a hostile or careless API does exactly this).
    target = await startServer({
      extra: (req, res) => {
        const auth = req.headers.authorization ?? ''
        const key = String(req.headers['x-api-key'] ?? '')
        for (const v of [auth, auth.replace(/^\w+ /, ''), key]) if (v) seen.add(v)
        const echo = { authorization: auth, apiKey: key, url: req.url }
        res.setHeader('x-echo', `${auth} ${key}`)
        if (req.url === '/token')
          // Google's token endpoint refusing the assertion (auth error), echoing it.
          return json(res, 401, { error: 'invalid_grant', echo })
        if (req.url?.startsWith('/ok')) return json(res, 200, { ok: true, echo })
        if (req.url === '/flow/start') return json(res, 200, { id: 'job_42', echo })
        if (req.url === '/mint/json')
          return json(res, 200, {
            access_token: MINTED_JSON,
            token_type: 'Bearer',
            expires_in: 3600,
            note: `also ${MINTED_JWT}`,
          })
        if (req.url === '/mint/form') {
          res.setHeader('content-type', 'application/x-www-form-urlencoded')
          res.end(`token_type=bearer&access_token=${MINTED_FORM}&scope=read`)
          return
        }
        if (req.url === '/mint/header') {
          res.setHeader('x-session-token', MINTED_HEADER)
          return json(res, 200, { ok: true })
        }
        if (req.url === '/mint/use')
          // The minted header token works only if the flow captured it and sent it back.
          return json(res, auth === `Bearer ${MINTED_HEADER}` ? 200 : 401, { echo })
        return json(res, 401, { error: 'unauthorized', echo })
      },
    })
    work.dir = mkdtempSync(join(tmpdir(), 'gonogo-leak-'))
    work.session = join(work.dir, 'session')
    work.pdf = join(work.dir, 'record.pdf')
    env = {
      DBUS_SESSION_BUS_ADDRESS: keyring.address,
      GONOGO_PKI_DIR: join(work.dir, 'pki'),
      GONOGO_ACTOR: 'Leak Tester',
      // Environment half: basic, the Google service account and the sign-off key.
      GONOGO_SECRET_LEAK_SIGNING: JSON.stringify({ privateKey: SIGNING_KEY }),
      GONOGO_SECRET_LEAK_BASIC: JSON.stringify({ user: BASIC_USER, password: BASIC_PASSWORD }),
      GONOGO_SECRET_LEAK_GOOGLE: JSON.stringify({
        type: 'service_account',
        client_email: GOOGLE_EMAIL,
        private_key: GOOGLE_KEY,
        token_uri: `${target.url}/token`,
      }),
    }
    const run = (args: string[], input?: string) => {
      const r = gonogo(args, { env, ...(input !== undefined && { input }) })
      outputs.push(r.stdout, r.stderr)
      if (r.code !== 0) throw new Error(`gonogo ${args.join(' ')}: ${r.stderr}`)
      return r
    }
    // Keychain half: token, header, App Store Connect.
    run(['secret', 'set', 'leak_token', '--kind', 'token'], TOKEN)
    run(
      ['secret', 'set', 'leak_header', '--kind', 'header', '--field', 'name=X-Api-Key'],
      HEADER_VALUE,
    )
    const ascFile = join(work.dir, 'AuthKey.p8')
    writeFileSync(ascFile, ASC_KEY)
    run([
      'secret',
      'set',
      'leak_asc',
      '--kind',
      'appstore-connect',
      '--field',
      `issuerId=${ASC_ISSUER}`,
      '--field',
      'keyId=ZZ7J2CQKBW',
      '--from-file',
      ascFile,
    ])

    const plan = join(work.dir, 'plan.yaml')
    const t = target.url
    writeFileSync(
      plan,
      `name: Leak canary
roles: [CTO]
vars: { target: '${t}' }
credentials:
  leak_token: { kind: token }
  leak_basic: { kind: basic }
  leak_header: { kind: header }
  leak_asc: { kind: appstore-connect }
  leak_google: { kind: google-service-account }
phases:
  - id: all
    title: Every probe kind
    items:
      - id: bearer-ok
        title: Bearer token, echoed back
        probe: { kind: http, url: '\${vars.target}/ok/bearer', auth: { credential: leak_token }, expect: [status == 200, body.echo.authorization != ""] }
      - id: basic-denied
        title: Basic credentials refused (auth error), echoed back
        probe: { kind: http, url: '\${vars.target}/denied', auth: { credential: leak_basic }, expect: [status == 200] }
      - id: header-ok
        title: API key header, echoed back
        probe: { kind: http, url: '\${vars.target}/ok/header', auth: { credential: leak_header }, expect: [status == 200] }
      - id: secret-in-url
        title: Token in the query string and a JSON body
        probe: { kind: http, method: POST, url: '\${vars.target}/ok/q?key=\${secrets.leak_token}', json: { token: '\${secrets.leak_token}' }, expect: [status == 201] }
      - id: flow-fails
        title: A flow that fails after using the token
        probe:
          kind: flow
          steps:
            - { id: start, method: POST, url: '\${vars.target}/flow/start', headers: { Authorization: 'Bearer \${secrets.leak_token}' }, expect: [status == 200], capture: { job: body.id }, evidence: [job] }
            - { id: finish, url: '\${vars.target}/flow/\${vars.job}', headers: { Authorization: 'Bearer \${secrets.leak_token}' }, expect: [status == 200] }
      - id: headers
        title: Security headers of a page that echoes
        probe: { kind: headers, url: '\${vars.target}/ok/page' }
      - id: latency
        title: Latency with the token
        probe: { kind: latency, url: '\${vars.target}/ok/latency', requests: 5, rate: 50, auth: { credential: leak_token }, expect: [latency.p95 < 5000] }
      - id: asc
        title: App Store Connect (JWT refused, echoed)
        probe: { kind: preset, preset: appstore.server-notifications, credential: leak_asc, baseUrl: '\${vars.target}', params: { bundle: com.example.app } }
      - id: google
        title: Google Play (token exchange refused, echoed)
        probe: { kind: preset, preset: googleplay.track, credential: leak_google, baseUrl: '\${vars.target}', params: { package: com.example.app, track: production, status: completed } }
      - id: minted-json
        title: A token minted and returned in JSON (condition fails, showing the value)
        probe: { kind: http, method: POST, url: '\${vars.target}/mint/json', expect: [status == 200, body.access_token == "not-this", body.note == "not-this"] }
      - id: minted-form
        title: A token minted and returned in a form body
        probe: { kind: http, method: POST, url: '\${vars.target}/mint/form', expect: [status == 200, text.contains("access_token")] }
      - id: minted-header
        title: A token minted in a header, captured and used by the next step
        probe:
          kind: flow
          steps:
            - { id: mint, method: POST, url: '\${vars.target}/mint/header', expect: [status == 200], capture: { session: 'headers["x-session-token"]' } }
            - { id: use, url: '\${vars.target}/mint/use', headers: { Authorization: 'Bearer \${vars.session}' }, expect: [status == 200] }
      - id: manual
        title: A manual item
`,
    )
    run(['session', 'new', plan, work.session])
    const checked = await gonogoAsync(['check', plan, '--session', work.session], { env })
    outputs.push(checked.stdout, checked.stderr)
    // Some probes fail on purpose (auth errors, the failing flow); none may crash.
    expect(checked.code, checked.stderr).toBe(1)
    const asJson = await gonogoAsync(['check', plan, '--json'], { env })
    outputs.push(asJson.stdout, asJson.stderr)
    run([
      'sign',
      work.session,
      '--role',
      'CTO',
      '--name',
      'leak@example.com',
      '--key',
      'leak_signing',
    ])
    run(['decide', work.session, 'no-go', '--reason', 'auth errors on purpose'])
    run(['record', work.session, '-o', work.pdf])
    // The CTO role is unpinned and no allowed_signers is given: integrity only (exit 4).
    const verified = gonogo(
      ['verify', work.pdf, '--trust', join(work.dir, 'pki', 'gonogo-root-ca.pem')],
      { env },
    )
    outputs.push(verified.stdout, verified.stderr)
    expect(verified.stdout).toContain('integrity verified — signers not verified')
    expect(verified.code).toBe(4)
    run(['secret', 'list', '--plan', plan])
  }, 120_000)

  afterAll(async () => {
    keyring?.stop()
    await target?.close()
    if (work.dir) rmSync(work.dir, { recursive: true, force: true })
  })

  function everything(): { where: string; text: string }[] {
    const found: { where: string; text: string }[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else found.push({ where: path, text: readFileSync(path).toString('latin1') })
      }
    }
    walk(work.session)
    const pdf = readFileSync(work.pdf)
    found.push({ where: 'record.pdf', text: pdf.toString('latin1') })
    const text = spawnSync('pdftotext', ['-layout', work.pdf, '-'], { encoding: 'utf8' })
    if (text.error) throw new Error('this test needs pdftotext: apt-get install poppler-utils')
    found.push({ where: 'pdftotext record.pdf', text: text.stdout })
    const detach = join(work.dir, 'detached')
    spawnSync('mkdir', ['-p', detach])
    spawnSync('pdfdetach', ['-saveall', '-o', detach, work.pdf])
    walk(detach)
    outputs.forEach((o, i) => found.push({ where: `command output ${i}`, text: o }))
    return found
  }

  it('the target really received every credential (the canary can fail)', () => {
    const received = [...seen].join('\n')
    expect(received).toContain(TOKEN)
    expect(received).toContain(HEADER_VALUE)
    expect(received).toContain(Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64'))
    // The App Store Connect JWT and the Google assertion arrived too (derived secrets).
    expect([...seen].some((v) => v.split('.').length === 3 && v.startsWith('eyJ'))).toBe(true)
  })

  it('the minted secrets were returned, scrubbed where they stood, and the captured one still worked', () => {
    const events = readFileSync(join(work.session, 'events.jsonl'), 'utf8')
    const results = events
      .split('\n')
      .filter((l) => l.includes('"probe.result"'))
      .map((l) => JSON.parse(l) as { data: { item: string; status: string; reason?: string } })
    const by = (id: string) => results.find((r) => r.data.item === id)?.data
    // The flow sent the header token back: capture works although evidence never holds it.
    expect(by('minted-header')?.status).toBe('pass')
    expect(by('minted-form')?.status).toBe('pass')
    expect(by('minted-json')?.status).toBe('fail')
    const record = readFileSync(work.pdf.replace(/\.pdf$/, '.json'), 'utf8')
    expect(record).toContain('\\"access_token\\":\\"[scrubbed]\\"')
    expect(record).toContain('access_token=[scrubbed]')
  })

  it('no planted or derived secret appears anywhere GoNoGo wrote', () => {
    const needles = new Map<string, string>([
      ['token', TOKEN],
      ['basic user', BASIC_USER],
      ['basic password', BASIC_PASSWORD],
      ['header value', HEADER_VALUE],
      ['App Store Connect issuer', ASC_ISSUER],
      ['App Store Connect key', keyBody(ASC_KEY)],
      ['Google key', keyBody(GOOGLE_KEY)],
      // An Ed25519 PKCS#8 PEM is one base64 line: the whole line is the secret.
      ['signing key', SIGNING_KEY.split('\n')[1]!],
      ['Google service account', GOOGLE_EMAIL],
      ['token minted in JSON', MINTED_JSON],
      ['token minted in a form body', MINTED_FORM],
      ['token minted in a header', MINTED_HEADER],
      ['JWT returned in a note', MINTED_JWT.split('.')[1]!],
    ])
    for (const value of seen)
      if (value.length >= 16) needles.set(`value the target saw: ${value.slice(0, 6)}…`, value)
    const haystack = everything()
    expect(haystack.length).toBeGreaterThan(10)
    const leaks: string[] = []
    for (const { where, text } of haystack)
      for (const [what, value] of needles)
        if (text.includes(value)) leaks.push(`${what} in ${where}`)
    expect(leaks).toEqual([])
  })
})
