import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { probe } from '../../helpers/probes'

// Targets that misbehave on purpose: each probe must end within its deadline with a reason that
// says what happened, and reading must not grow memory with what the target sends.

const open: { server: Server; sockets: Set<Socket> }[] = []
afterEach(async () => {
  for (const { server, sockets } of open.splice(0)) {
    for (const s of sockets) s.destroy()
    await new Promise((r) => server.close(r))
  }
})

async function listen(server: Server): Promise<string> {
  const sockets = new Set<Socket>()
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  open.push({ server, sockets })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('hostile probe targets', () => {
  it('accepts the connection and never answers: fails at the deadline, saying so', async () => {
    const url = await listen(createServer(() => undefined))
    const started = Date.now()
    const r = await probe({ kind: 'http', url: `${url}/health`, timeout: '800ms' })
    expect(r.status).toBe('fail')
    expect(r.reason).toMatch(/^no answer within 800 ms/)
    expect(Date.now() - started).toBeLessThan(2500)
  })

  it('answers byte by byte (slow-loris headers): fails at the deadline, saying so', async () => {
    const response = Buffer.from('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{}')
    const url = await listen(
      createServer((socket) => {
        let at = 0
        const timer = setInterval(() => {
          if (at >= response.length || socket.destroyed) return clearInterval(timer)
          socket.write(response.subarray(at, ++at))
        }, 100)
        socket.on('close', () => clearInterval(timer))
      }),
    )
    const started = Date.now()
    const r = await probe({ kind: 'http', url: `${url}/health`, timeout: '1s' })
    expect(r.status).toBe('fail')
    expect(r.reason).toMatch(/^no answer within 1000 ms|^no answer within 1 s/)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('returns 100 MiB: the probe reads up to its cap, flags the truncation, and memory stays bounded', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a')
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/plain',
        'content-length': String(100 * chunk.length),
      })
      let sent = 0
      const pump = () => {
        while (sent < 100 && res.write(chunk)) sent++
        if (sent >= 100) res.end()
        else res.once('drain', () => (sent++, pump()))
      }
      pump()
    })
    const url = await listen(server)
    global.gc?.()
    const before = process.memoryUsage()
    const r = await probe({
      kind: 'http',
      url: `${url}/big`,
      timeout: '10s',
      expect: ['status == 200'],
    })
    const after = process.memoryUsage()
    expect(r.status).toBe('pass')
    expect(r.evidence.http).toMatchObject({ truncated: true })
    expect(r.evidence.http?.bodyBytes).toBeLessThanOrEqual(1024 * 1024)
    // 100 MiB went by; the heap and buffers grew by no more than a few caps' worth.
    const grown = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)
    expect(grown).toBeLessThan(32 * 1024 * 1024)
  }, 30_000)
})
