import { createSocket } from 'node:dgram'
import {
  createServer as createHttp,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttps } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import dnsPacket from 'dns-packet'
import { afterEach } from 'vitest'

export interface TestServer {
  url: string
  port: number
  /** Requests seen, and the most in flight at once. */
  stats: {
    requests: number
    maxInFlight: number
    last?: { url: string; headers: IncomingMessage['headers']; body: string }
  }
  /** Connections the server still has open (a probe past its deadline must have closed its own). */
  openConnections(): number
  close(): Promise<void>
}

const open: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of open.splice(0)) await close()
})

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>

/**
 * An HTTP (or HTTPS) server on 127.0.0.1 with the misbehaviours probes must survive, closed after
 * each test. Routes: /json, /status/N, /slow-body, /reset, /endless, /loop, /redirect, /big,
 * /bad-json, /hang, /echo; anything else goes to `extra`.
 */
export async function startServer(
  options: { tls?: { cert: string; key: string }; extra?: Handler } = {},
): Promise<TestServer> {
  const sockets = new Set<Socket>()
  const stats: TestServer['stats'] = { requests: 0, maxInFlight: 0 }
  let inFlight = 0
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++
    inFlight++
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight)
    res.on('close', () => inFlight--)
    let body = ''
    for await (const chunk of req) body += String(chunk)
    stats.last = { url: req.url ?? '', headers: req.headers, body }
    const url = new URL(req.url ?? '/', 'http://x')
    const route = url.pathname
    const status = /^\/status\/(\d{3})$/.exec(route)
    if (route === '/json')
      return json(res, 200, {
        ok: true,
        checks: { db: 'ok', migrations: { pending: 0 } },
        items: [1, 2, 3],
      })
    if (status) return json(res, Number(status[1]), { status: Number(status[1]) })
    if (route === '/echo')
      return json(res, 200, { method: req.method, url: req.url, headers: req.headers, body })
    if (route === '/slow-body') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      const timer = setInterval(() => res.write('.'), 200)
      res.on('close', () => clearInterval(timer))
      return
    }
    if (route === '/reset') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100000' })
      res.write('x'.repeat(1000))
      setTimeout(() => req.socket.destroy(), 20)
      return
    }
    if (route === '/endless') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const chunk = Buffer.alloc(64 * 1024, 97)
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
      return
    }
    if (route === '/loop') {
      res.writeHead(302, {
        location: url.searchParams.get('n') === '1' ? '/loop?n=2' : '/loop?n=1',
      })
      return res.end()
    }
    if (route === '/redirect') {
      res.writeHead(301, { location: '/json' })
      return res.end()
    }
    if (route === '/big') {
      const size = 5 * 1024 * 1024
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(size) })
      return res.end(Buffer.alloc(size, 32))
    }
    if (route === '/bad-json') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end('{"ok": tru')
    }
    if (route === '/hang') return
    if (options.extra) return options.extra(req, res, body)
    json(res, 404, { error: 'not found' })
  }
  const server: Server = options.tls
    ? createHttps({ cert: options.tls.cert, key: options.tls.key }, (q, s) => void handler(q, s))
    : createHttp((q, s) => void handler(q, s))
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  open.push(close)
  return {
    url: `${options.tls ? 'https://localhost' : 'http://127.0.0.1'}:${port}`,
    port,
    stats,
    openConnections: () => sockets.size,
    close,
  }
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (status === 204 || status === 304) {
    res.writeHead(status, headers)
    res.end()
    return
  }
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  })
  res.end(text)
}

/** A DNS server on 127.0.0.1 (UDP) answering from a table; unknown names get NXDOMAIN. */
export async function startDnsServer(
  records: Record<string, Partial<Record<'A' | 'AAAA' | 'TXT' | 'MX' | 'CNAME', unknown[]>>>,
): Promise<{ address: string; close(): Promise<void> }> {
  const socket = createSocket('udp4')
  socket.on('message', (message, remote) => {
    const query = dnsPacket.decode(message)
    const question = query.questions?.[0]
    if (!question) return
    const known = records[question.name.toLowerCase()]
    const values = (known?.[question.type as 'A'] ?? []) as unknown[]
    const response = dnsPacket.encode({
      id: query.id,
      type: 'response',
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (known ? 0 : 3),
      questions: [question],
      answers: values.map(
        (data) =>
          ({
            type: question.type,
            class: 'IN',
            name: question.name,
            ttl: 60,
            data,
          }) as dnsPacket.Answer,
      ),
    })
    socket.send(response, remote.port, remote.address)
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  const close = () => new Promise<void>((resolve) => socket.close(() => resolve()))
  open.push(close)
  return { address: `127.0.0.1:${socket.address().port}`, close }
}
