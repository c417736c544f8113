import type { IncomingMessage } from 'node:http'
import { probe } from './probes'
import { json, startServer, type TestServer } from './servers'

export interface Reply {
  status?: number
  body?: unknown
  headers?: Record<string, string>
}

/**
 * A provider API on loopback answering from a route table keyed by "METHOD /path?query" (the
 * exact request the preset must make: a wrong path or query gets a 404). Bearer auth first.
 */
export async function apiServer(options: {
  token: string
  routes: Record<string, Reply | ((req: IncomingMessage) => Reply)>
  /** What the provider answers a bad token with. */
  unauthorized?: Reply
  notFound?: unknown
}): Promise<TestServer & { seen: string[] }> {
  const seen: string[] = []
  const server = await startServer({
    extra: (req, res) => {
      const key = `${req.method ?? 'GET'} ${req.url ?? ''}`
      seen.push(key)
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        const u = options.unauthorized ?? { status: 401, body: { message: 'unauthorized' } }
        return json(res, u.status ?? 401, u.body, u.headers)
      }
      const route = options.routes[key]
      if (route === undefined)
        return json(res, 404, options.notFound ?? { message: `no route ${key}` })
      const reply = typeof route === 'function' ? route(req) : route
      json(res, reply.status ?? 200, reply.body, reply.headers)
    },
  })
  return Object.assign(server, { seen })
}

/** Run a preset against a fixture with the given token as its credential. */
export function runPreset(
  preset: string,
  base: string,
  params: Record<string, unknown>,
  token: string,
  extra: { expect?: string[] } = {},
) {
  return probe(
    { kind: 'preset', preset, credential: 'c', baseUrl: base, params, ...extra },
    { secrets: { c: token } },
  )
}

/** The expressions of the conditions that failed (a flow's failing step reports in `reason`). */
export function failed(result: Awaited<ReturnType<typeof probe>>): string[] {
  return result.evidence.conditions.filter((c) => !c.pass).map((c) => c.expression)
}
