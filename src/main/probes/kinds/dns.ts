import { Resolver } from 'node:dns/promises'
import type { z } from 'zod'
import type { ConditionOutcome } from '../../../shared/conditions/evaluate'
import type { DnsProbeSchema } from '../../../shared/plan/probes'
import { checkConditions } from '../conditions'
import { ProbeFailure } from '../failures'
import type { KindContext, KindOutcome } from '../kind'

export type DnsProbe = z.infer<typeof DnsProbeSchema>

const SYSTEM = 'system resolver'

/** Records of one type, as comparable strings ("10 mx.example.com", "0 issue letsencrypt.org"). */
async function lookup(resolver: Resolver, name: string, type: DnsProbe['type']): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name)
    case 'AAAA':
      return resolver.resolve6(name)
    case 'CNAME':
      return resolver.resolveCname(name)
    case 'NS':
      return resolver.resolveNs(name)
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''))
    case 'MX':
      return (await resolver.resolveMx(name)).map((r) => `${r.priority} ${r.exchange}`)
    case 'CAA':
      return (await resolver.resolveCaa(name)).map((r) => {
        const [tag, value] = Object.entries(r).find(([k]) => k !== 'critical') ?? ['', '']
        return `${r.critical} ${tag} ${String(value)}`
      })
  }
}

const normalize = (record: string) => record.trim().replace(/\.$/, '').toLowerCase()

/**
 * Resolve a name at every listed resolver (or the system's) and compare with the expected values:
 * each resolver is a separate check, so partial propagation shows which resolver lags.
 */
export async function runDnsProbe(probe: DnsProbe, ctx: KindContext): Promise<KindOutcome> {
  const name = ctx.placeholders.fill(probe.name)
  const servers = probe.resolvers ?? []
  const byResolver: Record<string, string[]> = {}
  const errors: Record<string, string> = {}
  for (const server of servers.length > 0 ? servers : [SYSTEM]) {
    const resolver = new Resolver({ timeout: 2000, tries: 2 })
    if (server !== SYSTEM) {
      try {
        resolver.setServers([server])
      } catch {
        throw new ProbeFailure(
          `resolver ${JSON.stringify(server)} is not an IP address (with an optional :port)`,
        )
      }
    }
    const cancelOnDeadline = ctx.deadline.onPass(() => resolver.cancel())
    try {
      byResolver[server] = (await lookup(resolver, name, probe.type)).map(normalize).sort()
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'error'
      const meaning: Record<string, string> = {
        ENOTFOUND: 'the name does not exist',
        ENODATA: `no ${probe.type} records`,
        ETIMEOUT: 'no answer in time',
        ECONNREFUSED: 'the resolver refused the connection',
        ESERVFAIL: 'the resolver failed (SERVFAIL)',
        ECANCELLED: 'cancelled at the probe deadline',
      }
      errors[server] = `${meaning[code] ?? 'lookup failed'} (${code})`
      byResolver[server] = []
    } finally {
      cancelOnDeadline()
    }
  }
  const expected = probe.expected.map((v) => normalize(ctx.placeholders.fill(v))).sort()
  const builtIn: ConditionOutcome[] = Object.entries(byResolver).map(([server, records]) => {
    const label = `${name} ${probe.type} at ${server} ${probe.match === 'equal' ? 'equals' : 'includes'} ${expected.length ? expected.join(', ') : 'at least one record'}`
    const missing = expected.filter((v) => !records.includes(v))
    const extra = records.filter((v) => !expected.includes(v))
    const pass =
      errors[server] === undefined &&
      records.length > 0 &&
      missing.length === 0 &&
      (probe.match !== 'equal' || extra.length === 0)
    if (pass) return { expression: label, pass }
    const actual = errors[server]
      ? `${server}: ${errors[server]}`
      : `${server} answered ${records.length ? records.join(', ') : 'nothing'}${missing.length ? `; missing ${missing.join(', ')}` : ''}${probe.match === 'equal' && extra.length ? `; unexpected ${extra.join(', ')}` : ''}`
    return { expression: label, pass, actual }
  })
  const first = Object.values(byResolver)[0] ?? []
  const dns = {
    name,
    type: probe.type,
    records: first,
    by_resolver: byResolver,
    ...(Object.keys(errors).length > 0 && { errors }),
  }
  return {
    conditions: [...builtIn, ...checkConditions(probe.expect, { dns, vars: ctx.vars })],
    evidence: { dns },
  }
}
