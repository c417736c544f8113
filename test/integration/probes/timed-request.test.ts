import { describe, expect, it } from 'vitest'
import { Deadline } from '../../../src/main/probes/deadline'
import { ProbeFailure } from '../../../src/main/probes/failures'
import { ProbeAgent } from '../../../src/main/probes/http-exchange'
import { dispatchTarget, timedRequest } from '../../../src/main/probes/timed-request'
import { startServer } from '../../helpers/servers'

const target = (url: string) =>
  dispatchTarget({ method: 'GET', url, headers: { 'user-agent': 'gonogo-test' } })
const deadline = () => new Deadline(performance.now() + 30_000)

describe('timedRequest (the latency probe’s request)', () => {
  it('times from the write to the last byte: a request queued behind another is not charged its wait', async () => {
    const server = await startServer({
      extra: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.write('first half;')
        setTimeout(() => res.end('second half'), 150)
      },
    })
    // One connection: the second request waits for the first before it is written.
    const agent = new ProbeAgent({ connections: 1 })
    try {
      const t0 = performance.now()
      const [first, second] = await Promise.all([
        timedRequest(agent, target(`${server.url}/half`), 1024, deadline()),
        timedRequest(agent, target(`${server.url}/half`), 1024, deadline()),
      ])
      const wall = performance.now() - t0
      expect(first.status).toBe(200)
      expect(second.status).toBe(200)
      // Each waited for its own slow body…
      expect(first.ms).toBeGreaterThanOrEqual(145)
      expect(second.ms).toBeGreaterThanOrEqual(145)
      // …and the second's time leaves out the ~150 ms it spent queued for the connection.
      expect(wall).toBeGreaterThanOrEqual(290)
      expect(second.ms).toBeLessThan(wall - 100)
      expect(server.stats.requests).toBe(2)
      expect(server.stats.last?.headers['user-agent']).toBe('gonogo-test')
    } finally {
      await agent.close()
    }
  })

  it('passes an error status through for the probe to count', async () => {
    const server = await startServer()
    const agent = new ProbeAgent({ connections: 1 })
    try {
      const r = await timedRequest(agent, target(`${server.url}/status/503`), 1024, deadline())
      expect(r.status).toBe(503)
    } finally {
      await agent.close()
    }
  })

  it('stops reading at the body cap and counts the request as answered; the agent still works', async () => {
    const server = await startServer()
    const agent = new ProbeAgent({ connections: 1 })
    try {
      const big = await timedRequest(agent, target(`${server.url}/big`), 64 * 1024, deadline())
      expect(big.status).toBe(200)
      const next = await timedRequest(agent, target(`${server.url}/json`), 64 * 1024, deadline())
      expect(next.status).toBe(200)
      expect(server.stats.requests).toBe(2)
    } finally {
      await agent.close()
    }
  })

  it('fails a refused connection with a ProbeFailure naming the host', async () => {
    const server = await startServer()
    const url = `${server.url}/json`
    await server.close()
    const agent = new ProbeAgent({ connections: 1 })
    try {
      const failure = await timedRequest(agent, target(url), 1024, deadline()).catch(
        (e: unknown) => e,
      )
      expect(failure).toBeInstanceOf(ProbeFailure)
      expect((failure as ProbeFailure).message).toBe(
        `connection refused by 127.0.0.1:${server.port}`,
      )
    } finally {
      await agent.close()
    }
  })
})
