import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SimulatedFleets } from './fleet'

/**
 * The demo target: a small SaaS API on loopback that behaves like the real thing (health with
 * migrations, key → token exchange, tenant routes behind the token, upload → job → results,
 * security headers, Prometheus metrics with canary and baseline), with faults that break exactly
 * one of those at a time.
 */
export const DEMO_FAULTS = {
  'pending-migrations': 'health reports 3 pending migrations',
  'db-down': 'health reports the database down and answers 503',
  slow: 'every answer takes 400 ms longer; canary latency is high',
  errors:
    'one health answer in five is a 500 (the latency probe sees it); canary error rate is high',
  'revoked-key-accepted': 'the revoked integration key still gets a token',
  'tenant-open': 'tenant routes answer without a token',
  'stuck-job': 'jobs never finish',
  'no-hsts': 'no Strict-Transport-Security header',
  'weak-csp': "the Content-Security-Policy allows 'unsafe-eval'",
} as const

export type DemoFault = keyof typeof DEMO_FAULTS

export function isDemoFault(name: string): name is DemoFault {
  return Object.hasOwn(DEMO_FAULTS, name)
}

/** The keys the demo target knows. Public on purpose: this is a local demo, not a secret store. */
export const DEMO_KEYS = {
  integration_key: 'demo_live_4f9c2e7a1b8d',
  revoked_key: 'demo_revoked_9a1b3c5d7e2f',
} as const

const JOB_QUEUED_MS = 600
const JOB_RUNNING_MS = 1500
const MAX_JOBS = 10_000

interface Job {
  id: string
  tenant: string
  document: string
  created: number
}

export interface DemoTarget {
  url: string
  server: Server
  /** Replace the active faults (the canary's metrics follow within a scrape or two). */
  setFaults(faults: readonly DemoFault[]): void
  close(): Promise<void>
}

export async function startDemoTarget(
  options: { port?: number; host?: string; faults?: readonly DemoFault[] } = {},
): Promise<DemoTarget> {
  const faults = new Set(options.faults ?? [])
  const tokens = new Map<string, string>()
  const jobs = new Map<string, Job>()
  let healthRequests = 0
  const fleets = new SimulatedFleets(() => ({
    errorRate: faults.has('errors') ? 0.2 : 0.005,
    extraLatencyMs: faults.has('slow') ? 400 : 0,
  }))

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://demo')
    res.setHeader('x-request-id', `req_${randomBytes(6).toString('hex')}`)
    res.setHeader('server', 'gonogo-demo')
    if (!faults.has('no-hsts'))
      res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains')
    res.setHeader(
      'content-security-policy',
      faults.has('weak-csp')
        ? "default-src 'self'; script-src 'self' 'unsafe-eval'; frame-ancestors 'none'"
        : "default-src 'none'; frame-ancestors 'none'",
    )
    res.setHeader('x-content-type-options', 'nosniff')
    res.setHeader('referrer-policy', 'no-referrer')
    if (faults.has('slow')) await new Promise((r) => setTimeout(r, 400))
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body)
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      })
      res.end(text)
    }
    if (url.pathname === '/health') healthRequests++
    if (url.pathname === '/health' && faults.has('errors') && healthRequests % 5 === 0)
      return send(500, { error: 'internal error' })

    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1]
    const tenant = bearer ? tokens.get(bearer) : undefined
    const needsTenant = () => {
      if (tenant || faults.has('tenant-open')) return false
      res.setHeader('www-authenticate', 'Bearer')
      send(401, { error: 'authentication required' })
      return true
    }

    if (req.method === 'GET' && url.pathname === '/health') {
      const dbDown = faults.has('db-down')
      return send(dbDown ? 503 : 200, {
        status: dbDown ? 'degraded' : 'ok',
        version: '1.42.0',
        checks: {
          db: dbDown ? 'down' : 'ok',
          migrations: { pending: faults.has('pending-migrations') ? 3 : 0 },
        },
      })
    }
    if (req.method === 'POST' && url.pathname === '/api/auth/token/integration') {
      const body = await readJson(req)
      const key = typeof body?.key === 'string' ? body.key : ''
      const revoked = key === DEMO_KEYS.revoked_key && !faults.has('revoked-key-accepted')
      if (key === DEMO_KEYS.integration_key || (key === DEMO_KEYS.revoked_key && !revoked)) {
        const token = `tok_${randomBytes(16).toString('hex')}`
        if (tokens.size > MAX_JOBS) tokens.clear()
        tokens.set(token, 'acme')
        return send(200, { access_token: token, token_type: 'Bearer', expires_in: 3600 })
      }
      return send(401, { error: revoked ? 'key revoked' : 'invalid key' })
    }
    if (req.method === 'POST' && url.pathname === '/api/upload') {
      if (needsTenant()) return
      const body = await readJson(req)
      const id = `job_${randomUUID().slice(0, 8)}`
      if (jobs.size > MAX_JOBS) jobs.clear()
      jobs.set(id, {
        id,
        tenant: tenant ?? 'acme',
        document: String(body?.document ?? 'document'),
        created: Date.now(),
      })
      return send(202, { job_id: id, status: 'queued' })
    }
    const jobMatch = /^\/api\/jobs\/([^/]+)$/.exec(url.pathname)
    if (req.method === 'GET' && jobMatch) {
      if (needsTenant()) return
      const job = jobs.get(decodeURIComponent(jobMatch[1] ?? ''))
      if (!job) return send(404, { error: 'no such job' })
      return send(200, { id: job.id, status: jobStatus(job), document: job.document })
    }
    if (req.method === 'GET' && url.pathname === '/api/results') {
      if (needsTenant()) return
      const job = jobs.get(url.searchParams.get('job') ?? '')
      if (!job) return send(404, { error: 'no such job' })
      if (jobStatus(job) !== 'done')
        return send(409, { error: 'job not done yet', status: jobStatus(job) })
      return send(200, {
        job_id: job.id,
        results: [{ document: job.document, pages: 3, status: 'processed' }],
      })
    }
    if (req.method === 'GET' && url.pathname === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
      res.end(fleets.metricsText())
      return
    }
    if (req.method === 'PUT' && url.pathname === '/demo/faults') {
      // Loopback demo control: switch faults while the target runs (drive the canary).
      const body = await readJson(req)
      const wanted = Array.isArray(body?.faults) ? body.faults : undefined
      const unknown = wanted?.filter((f) => typeof f !== 'string' || !isDemoFault(f))
      if (!wanted || (unknown && unknown.length > 0))
        return send(400, {
          error: `expected {"faults": [...]} with faults from ${Object.keys(DEMO_FAULTS).join(', ')}`,
        })
      setFaults(wanted as DemoFault[])
      return send(200, { faults: [...faults] })
    }
    send(404, { error: 'not found' })
  }

  const jobStatus = (job: Job) => {
    if (faults.has('stuck-job')) return 'running'
    const age = Date.now() - job.created
    return age < JOB_QUEUED_MS
      ? 'queued'
      : age < JOB_QUEUED_MS + JOB_RUNNING_MS
        ? 'running'
        : 'done'
  }

  const setFaults = (next: readonly DemoFault[]) => {
    faults.clear()
    for (const f of next) faults.add(f)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  // Keep connections modest so a runaway client cannot exhaust the machine.
  server.maxConnections = 512
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    server,
    setFaults,
    close: () =>
      new Promise<void>((resolve) => {
        fleets.stop()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let text = ''
  for await (const chunk of req) {
    text += String(chunk)
    if (text.length > 64 * 1024) return undefined
  }
  try {
    const value = JSON.parse(text) as unknown
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
