import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * An RFC 3161 time-stamping authority on loopback: a small HTTP server (RFC 3161 §3.4, POST of
 * application/timestamp-query) that hands each query to `openssl ts -reply` with the test TSA's
 * certificate and key, and answers application/timestamp-reply.
 */
export async function startTsa(tsa: { cert: string; key: string; chain: string }): Promise<{
  url: string
  requests: () => number
  close: () => Promise<void>
}> {
  const dir = mkdtempSync(join(tmpdir(), 'gonogo-tsa-'))
  const config = join(dir, 'ts.cnf')
  writeFileSync(join(dir, 'serial'), '01\n')
  writeFileSync(
    config,
    [
      '[tsa]',
      'default_tsa = test_tsa',
      '[test_tsa]',
      `serial = ${join(dir, 'serial')}`,
      'crypto_device = builtin',
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.99999.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = no',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  )
  let count = 0
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= 64 * 1024) chunks.push(c)
    })
    req.on('end', () => {
      count++
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(400).end()
        return
      }
      const query = join(dir, `q${count}.tsq`)
      const reply = join(dir, `r${count}.tsr`)
      writeFileSync(query, Buffer.concat(chunks))
      const r = spawnSync(
        'openssl',
        [
          'ts',
          '-reply',
          '-config',
          config,
          '-queryfile',
          query,
          '-signer',
          tsa.cert,
          '-inkey',
          tsa.key,
          '-chain',
          tsa.chain,
          '-out',
          reply,
        ],
        { encoding: 'utf8', timeout: 30_000 },
      )
      if (r.status !== 0) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(r.stderr)
        return
      }
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(readFileSync(reply))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    requests: () => count,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
