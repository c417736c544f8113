import { lookup } from 'node:dns'
import { connect as netConnect, isIP, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { Agent, request, type Dispatcher } from 'undici'
import type { Timing } from '../../shared/probes/result'
import type { AbortState, Deadline } from './deadline'
import { ProbeFailure, describeNetworkError } from './failures'
import { sleep } from './sleep'

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

export interface HttpRequestSpec {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
}

export interface HttpOptions {
  /** The probe's deadline: when it passes, the exchange's connections are torn down. */
  deadline: Deadline
  maxBodyBytes?: number
  /** Redirects to follow; 0 = return the 3xx response itself. */
  followRedirects?: number
  /** Skip TLS certificate verification. */
  insecure?: boolean
  /** Reuse connections across exchanges (latency probes, flows); default: a fresh connection. */
  agent?: ProbeAgent
  /**
   * On 429 with a Retry-After the probe can afford, wait and try again (at most this many times).
   * Latency probes leave it at 0: for them a 429 is an error to count.
   */
  retryOn429?: number
}

/** Longest Retry-After a probe waits for; a longer one means "rate limited" now. */
export const MAX_RETRY_AFTER_MS = 30_000

/** Retry-After in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or bad. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export interface HttpExchange {
  method: string
  url: string
  status: number
  headers: Record<string, string>
  /** The body as bytes read, up to the cap. */
  bytes: Buffer
  /** The server sent more than the cap; only the first maxBodyBytes were read. */
  truncated: boolean
  contentType: string
  timing: Timing
  /** URLs followed before the final response. */
  redirects: string[]
  /** Times a 429 was waited out (Retry-After) before this response. */
  retries: number
}

/** Timings of connection setup, filled in by the connector as it works. */
interface ConnectTiming {
  dns?: number
  connect?: number
  tls?: number
}

/**
 * Why a probe's own connections are closed. undici's close() makes a new ClientDestroyedError for
 * each agent, and Node reads the error's stack when it destroys the socket: formatting that stack
 * is about a fifth of a whole loopback probe. This error is made once, and V8 formats its
 * stack once.
 */
const PROBE_FINISHED = new Error('probe finished; its connections are closed')

/**
 * An undici Agent whose connector measures DNS, TCP connect and TLS handshake separately (undici's
 * own connector does not expose them), and honours the probe's TLS verification setting.
 */
export class ProbeAgent {
  readonly dispatcher: Agent
  private pending: ConnectTiming | undefined

  constructor(options: { insecure?: boolean; connections?: number; keepAlive?: boolean } = {}) {
    this.dispatcher = new Agent({
      connections: options.connections ?? 1,
      pipelining: 1,
      ...(options.keepAlive === false && { keepAliveTimeout: 1, keepAliveMaxTimeout: 1 }),
      connect: (opts, callback) => {
        const timing: ConnectTiming = {}
        this.pending = timing
        const t0 = performance.now()
        const host = opts.hostname.replace(/^\[|\]$/g, '')
        const https = opts.protocol === 'https:'
        const port = Number(opts.port) || (https ? 443 : 80)
        const afterLookup = (address: string) => {
          const socket = netConnect({ host: address, port, noDelay: true })
          const fail = (error: Error) => {
            socket.destroy()
            callback(error, null)
          }
          socket.once('error', fail)
          socket.once('connect', () => {
            timing.connect = performance.now() - t0 - (timing.dns ?? 0)
            if (!https) {
              socket.off('error', fail)
              callback(null, socket)
              return
            }
            const servername = opts.servername || (isIP(host) ? undefined : host)
            const secure = tlsConnect({
              socket,
              host,
              ...(servername && { servername }),
              rejectUnauthorized: !options.insecure,
              ALPNProtocols: ['http/1.1'],
            })
            secure.once('error', fail)
            secure.once('secureConnect', () => {
              timing.tls = performance.now() - t0 - (timing.dns ?? 0) - (timing.connect ?? 0)
              secure.off('error', fail)
              socket.off('error', fail)
              callback(null, secure as unknown as Socket)
            })
          })
        }
        if (isIP(host)) {
          timing.dns = 0
          afterLookup(host)
          return
        }
        lookup(host, (error, address) => {
          timing.dns = performance.now() - t0
          if (error) callback(error, null)
          else afterLookup(address)
        })
      },
    })
  }

  /** Connection timings measured since the last call (none when a kept-alive connection was reused). */
  takeConnectTiming(): ConnectTiming | undefined {
    const t = this.pending
    this.pending = undefined
    return t
  }

  /**
   * The probe is done with its connections: close them. Callers have awaited every request, so
   * nothing is in flight; one that still were would fail with "probe finished".
   */
  close(): Promise<void> {
    return this.dispatcher.destroy(PROBE_FINISHED)
  }
}

/**
 * One HTTP exchange, following redirects by policy, reading at most maxBodyBytes of the body.
 * Every way it can go wrong becomes a ProbeFailure with a specific reason.
 */
export async function httpExchange(
  spec: HttpRequestSpec,
  options: HttpOptions,
): Promise<HttpExchange> {
  const owned = options.agent ? undefined : new ProbeAgent({ insecure: options.insecure ?? false })
  const agent = options.agent ?? (owned as ProbeAgent)
  const redirects: string[] = []
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  let current: HttpRequestSpec = spec
  let retries = 0
  const { deadline } = options
  // No AbortSignal for undici (see Deadline): at the deadline the agent is destroyed, which fails
  // the request or the body read in progress.
  const cancelTeardown = deadline.onPass(
    () => void agent.dispatcher.destroy().catch(() => undefined),
  )
  try {
    for (;;) {
      const started = performance.now()
      let response: Dispatcher.ResponseData
      try {
        response = await request(current.url, {
          method: current.method as Dispatcher.HttpMethod,
          headers: current.headers,
          ...(current.body !== undefined && { body: current.body }),
          dispatcher: agent.dispatcher,
        })
      } catch (e) {
        throw new ProbeFailure(describeNetworkError(e, current.url, deadline))
      }
      const ttfb = performance.now() - started
      const connect = agent.takeConnectTiming()
      const headers = flattenHeaders(response.headers)
      const location = headers.location
      const isRedirect =
        response.statusCode >= 300 && response.statusCode < 400 && location !== undefined
      if (isRedirect && (options.followRedirects ?? 0) > 0) {
        await response.body.dump().catch(() => undefined)
        if (redirects.length >= (options.followRedirects ?? 0)) {
          throw new ProbeFailure(
            `too many redirects (more than ${options.followRedirects ?? 0}): ${[current.url, ...redirects.slice(-3)].join(' → ')}${redirects.includes(new URL(location, current.url).toString()) ? ' (a loop)' : ''}`,
          )
        }
        const next = new URL(location, current.url).toString()
        redirects.push(next)
        // 303, and 301/302 after a POST, become GET without a body, as browsers do.
        const toGet =
          response.statusCode === 303 ||
          ((response.statusCode === 301 || response.statusCode === 302) &&
            current.method === 'POST')
        current = toGet
          ? { method: 'GET', url: next, headers: withoutBodyHeaders(current.headers) }
          : { ...current, url: next }
        continue
      }
      if (response.statusCode === 429 && retries < (options.retryOn429 ?? 0)) {
        const wait = retryAfterMs(headers['retry-after'])
        const budget = deadline.at - performance.now() - 500
        if (wait !== undefined && wait <= MAX_RETRY_AFTER_MS && wait <= budget) {
          await response.body.dump().catch(() => undefined)
          retries++
          await sleep(wait, deadline.signal)
          continue
        }
      }
      const { bytes, truncated } = await readCapped(response.body, maxBody, current.url, deadline)
      const total = performance.now() - started
      return {
        method: current.method,
        url: current.url,
        status: response.statusCode,
        headers,
        bytes,
        truncated,
        contentType: headers['content-type'] ?? '',
        timing: { ...roundAll(connect), ttfb: round(ttfb), total: round(total) },
        redirects,
        retries,
      }
    }
  } finally {
    cancelTeardown()
    await owned?.close().catch(() => undefined)
  }
}

/** Read the body up to `max` bytes (events, not an async iterator: this runs once per request). */
function readCapped(
  body: Dispatcher.ResponseData['body'],
  max: number,
  url: string,
  deadline: AbortState,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const finish = (truncated: boolean) => {
      if (settled) return
      settled = true
      resolve({
        bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
        truncated,
      })
    }
    body.on('data', (chunk: Buffer) => {
      if (settled) return
      if (size + chunk.length > max) {
        chunks.push(chunk.subarray(0, max - size))
        size = max
        finish(true)
        body.destroy()
        return
      }
      chunks.push(chunk)
      size += chunk.length
    })
    body.on('end', () => finish(false))
    body.on('error', (e: Error) => {
      if (settled) return
      settled = true
      reject(new ProbeFailure(describeNetworkError(e, url, deadline, size)))
    })
  })
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined) continue
    out[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ')
  }
  return out
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) if (!/^content-(type|length)$/i.test(k)) out[k] = v
  return out
}

const round = (ms: number) => Math.round(ms * 100) / 100

function roundAll(t: ConnectTiming | undefined): ConnectTiming {
  if (!t) return {}
  const out: ConnectTiming = {}
  if (t.dns !== undefined) out.dns = round(t.dns)
  if (t.connect !== undefined) out.connect = round(t.connect)
  if (t.tls !== undefined) out.tls = round(t.tls)
  return out
}

/** Parse a body as JSON when the response says it is JSON; else it is text. */
export function decodeBody(exchange: HttpExchange): { body: unknown; text: string } {
  const text = exchange.bytes.toString('utf8')
  if (!/[/+]json\b/i.test(exchange.contentType) || exchange.truncated) return { body: text, text }
  try {
    return { body: JSON.parse(text) as unknown, text }
  } catch (e) {
    // An empty JSON answer (204-like) is text, not a parse failure.
    if (text.trim() === '') return { body: text, text }
    throw new ProbeFailure(
      `the response says ${exchange.contentType.split(';')[0] ?? 'JSON'} but its body is not valid JSON (${e instanceof Error ? e.message : String(e)}): ${JSON.stringify(text.slice(0, 80))}`,
    )
  }
}
