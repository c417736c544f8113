import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { stringify } from 'yaml'

/**
 * A launch plan at the size DESIGN budgets the window for: `items` items in 10 phases, the first
 * `probes` of them checked by an HTTP probe against `target` (every `failEvery`-th one expects a
 * status the target never sends, so it goes red with a reason).
 */
export function largePlanYaml(options: {
  items: number
  probes: number
  target: string
  failEvery?: number
}): string {
  const perPhase = Math.ceil(options.items / 10)
  let n = 0
  const phases = Array.from({ length: 10 }, (_, p) => ({
    id: `phase-${p}`,
    title: `Phase ${p + 1}`,
    items: Array.from({ length: Math.min(perPhase, options.items - p * perPhase) }, () => {
      const i = n++
      const probed = i < options.probes
      const failing = probed && options.failEvery !== undefined && i % options.failEvery === 0
      return {
        id: `item-${i}`,
        title: `${probed ? 'Probe' : 'Check'} number ${i}`,
        owner: ['SRE', 'Support', 'Founder'][i % 3],
        ...(probed && {
          probe: {
            kind: 'http',
            url: `\${vars.target}/health/${i}`,
            timeout: '5s',
            expect: [failing ? 'status == 299' : 'status == 200'],
          },
        }),
      }
    }),
  }))
  return stringify(
    { name: `Large launch (${options.items} items)`, vars: { target: options.target }, phases },
    { lineWidth: 0 },
  )
}

/** A loopback target for the large plan's probes: 200 with a small JSON body for every path. */
export async function startHealthTarget(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
