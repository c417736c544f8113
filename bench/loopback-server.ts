// The loopback HTTP server the probe benches measure against, in its own process (so its work
// does not share the measured process's event loop).
import { spawn, type ChildProcess } from 'node:child_process'

const SERVER = `
const http = require('node:http')
const body = JSON.stringify({ status: 'ok', checks: { db: 'ok', migrations: { pending: 0 } } })
let n = 0
http.createServer((req, res) => {
  const send = () => { res.writeHead(req.url === '/red' ? 503 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body) }
  if (req.url === '/slow') setTimeout(send, 3000)
  // A realistic spread of service times (5-24 ms, the same sequence for every client), so p95 is
  // about the service and not about sub-millisecond scheduling noise.
  else if (req.url === '/work') setTimeout(send, 5 + ((n++ * 37) % 20))
  else send()
}).listen(0, '127.0.0.1', function () { console.log(this.address().port) })`

/**
 * Routes: /health answers at once, /red answers 503 at once, /slow after 3 s, /work after 5–24 ms
 * (a fixed sequence: every run of a multiple of 20 requests sees the same service times).
 */
export async function startLoopbackServer(): Promise<{ base: string; stop: () => void }> {
  const server: ChildProcess = spawn(process.execPath, ['-e', SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve) =>
    server.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
  )
  return { base: `http://127.0.0.1:${port}`, stop: () => server.kill() }
}
