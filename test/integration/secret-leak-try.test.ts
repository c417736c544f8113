import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/ipc/dispatch'
import { AppServices, createHandlers } from '../../src/main/ipc/handlers'

/**
 * The secret-leak canary (see secret-leak.test.ts) extended to authoring's Try: a credential Try
 * sends (as a bearer token and in a header) and secrets the target returns (a minted token in
 * JSON, in a header, shaped like a JWT) appear nowhere in what the window gets — Try results and
 * their errors, the authoring state — nor in the saved plan.
 */

const canary = (what: string) => `CANARY${what}${randomBytes(6).toString('hex')}`
const TOKEN = canary('try')
const MINTED = canary('mint')
const MINTED_HEADER = canary('minthdr')
const MINTED_JWT = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: canary('jwt') })).toString('base64url')}.${randomBytes(16).toString('base64url')}`
const PLANTED = [TOKEN, MINTED, MINTED_HEADER, MINTED_JWT]
const ENV = 'GONOGO_SECRET_LEAK_TRY'

describe('secret-leak canary: Try', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'gonogo-leak-try-'))
  const seen = new Set<string>()
  let server: Server
  let target = ''
  const outputs: string[] = []
  const deps = {
    resourcesDir: resolve('resources'),
    sessionsDir: join(scratch, 'sessions'),
    chooseOpenFile: async () => undefined,
    chooseSaveFile: async () => join(scratch, 'saved.yaml'),
  }
  const services = new AppServices(deps)
  const handlers = createHandlers(deps, services)
  const call = async (channel: string, request: unknown) => {
    const reply = (await dispatch(handlers, channel, request)) as Record<string, unknown>
    outputs.push(JSON.stringify(reply))
    return reply
  }

  beforeAll(async () => {
    process.env[ENV] = TOKEN
    // Echoes every credential it receives and mints secrets of its own.
    server = createServer((req, res) => {
      const auth = req.headers.authorization ?? ''
      const key = String(req.headers['x-api-key'] ?? '')
      for (const v of [auth, auth.replace(/^\w+ /, ''), key]) if (v) seen.add(v)
      res.setHeader('content-type', 'application/json')
      if (req.url === '/echo-auth') {
        res.setHeader('x-echo', `${auth} ${key}`)
        res.end(JSON.stringify({ authorization: auth, apiKey: key, note: `you sent ${key}` }))
        return
      }
      res.setHeader('x-session-token', MINTED_HEADER)
      res.end(JSON.stringify({ access_token: MINTED, token_type: 'Bearer', id_token: MINTED_JWT }))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const plan = join(scratch, 'leak.yaml')
    copyFileSync(resolve('test/fixtures/authoring/leak-plan.yaml'), plan)
    expect((await call('plan:load', { source: 'file', path: plan })).ok).toBe(true)
  })
  afterAll(async () => {
    delete process.env[ENV]
    await services.dispose()
    await new Promise((r) => server.close(r))
    rmSync(scratch, { recursive: true, force: true })
  })

  it('appears nowhere in Try results, failures, the state or the saved plan', async () => {
    expect((await call('authoring:set-var', { name: 'target', value: target })).ok).toBe(true)
    const echo = await call('authoring:try', { item: 'echo' })
    expect(echo).toMatchObject({ ok: true, result: { status: 'pass' } })
    // The target did get the credential: the test would prove nothing otherwise.
    expect([...seen]).toContain(TOKEN)
    // Conditions that print what came back: the actual values are redacted.
    const failing = await call('authoring:try', {
      item: 'echo',
      probe: {
        kind: 'http',
        url: '${vars.target}/echo-auth',
        headers: { 'x-api-key': '${secrets.leak_try}' },
        auth: { credential: 'leak_try' },
        expect: ['body.authorization == "nope"', 'body.note == "nope"', 'headers["x-echo"] == ""'],
      },
    })
    expect(failing).toMatchObject({ ok: true, result: { status: 'fail' } })
    const minted = await call('authoring:try', {
      item: 'mint',
      probe: {
        kind: 'http',
        url: '${vars.target}/mint',
        expect: [
          'body.access_token == "nope"',
          'body.id_token == "nope"',
          'headers["x-session-token"] == ""',
        ],
      },
    })
    expect(minted).toMatchObject({ ok: true, result: { status: 'fail' } })
    // A refused edit echoes nothing either.
    await call('authoring:try', {
      item: 'echo',
      probe: { kind: 'http', url: `${target}/x`, expect: ['status =='] },
    })
    await call('authoring:state', {})
    expect((await call('authoring:save', {})).ok).toBe(true)
    outputs.push(readFileSync(join(scratch, 'saved.yaml'), 'utf8'))
    const everything = outputs.join('\n')
    for (const secret of [...PLANTED, ...seen]) expect(everything).not.toContain(secret)
    // The echo's body holds the token only as the redaction marker.
    expect(everything).toContain('REDACTED')
  })
})
