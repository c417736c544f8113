import { formatDuration, parseDuration } from '../plan/duration'
import type { FlowStep, Probe } from '../plan/probes'
import { findPreset } from '../presets/catalog'
import { expandPreset } from '../presets/expand'

/** Joins the parts of a probe's description, as the drawer shows it. */
export const PART_SEPARATOR = ' · '

const STATUS_CONDITION = /^status\s*==\s*(\d{3})$/

/** "expects status 200" for the plain status check; every other condition as written. */
function conditions(expect: readonly string[]): string[] {
  return expect.map((c) => {
    const status = STATUS_CONDITION.exec(c.trim())
    return status ? `expects status ${status[1]}` : c.trim()
  })
}

function request(r: { method: string; url: string; auth?: { credential: string } | undefined }) {
  return `${r.method} ${r.url}${r.auth ? ` as ${r.auth.credential}` : ''}`
}

function step(s: FlowStep): string {
  const parts = [`${s.id}: ${request(s)}`]
  if (s.poll)
    parts.push(`until ${s.poll.until} (within ${formatDuration(parseDuration(s.poll.deadline))})`)
  parts.push(...conditions(s.expect))
  const captured = Object.keys(s.capture)
  if (captured.length > 0) parts.push(`keeps ${captured.join(', ')}`)
  return parts.join(', ')
}

function kindParts(probe: Exclude<Probe, { kind: 'preset' }>): string[] {
  switch (probe.kind) {
    case 'http':
      return [
        request(probe),
        ...(probe.paginate ? [`every page (up to ${probe.paginate.maxPages})`] : []),
        ...conditions(probe.expect),
      ]
    case 'flow':
      return [
        `${probe.steps.length} step${probe.steps.length === 1 ? '' : 's'}: ${probe.steps.map(step).join(' → ')}`,
        ...conditions(probe.expect),
      ]
    case 'tls':
      return [
        `TLS ${probe.host}:${probe.port}${probe.servername ? ` (name ${probe.servername})` : ''}`,
        `certificate valid ${probe.minDaysLeft}+ days`,
        `${probe.minProtocol} or newer`,
        ...conditions(probe.expect),
      ]
    case 'dns':
      return [
        `DNS ${probe.type} ${probe.name}`,
        ...(probe.expected.length > 0
          ? [`${probe.match === 'equal' ? 'exactly' : 'includes'} ${probe.expected.join(', ')}`]
          : []),
        ...(probe.resolvers?.length ? [`via ${probe.resolvers.join(', ')}`] : []),
        ...conditions(probe.expect),
      ]
    case 'headers':
      return [
        `security headers of GET ${probe.url}`,
        `HSTS max-age ≥ ${formatDuration(probe.hstsMinMaxAge * 1000)}, CSP, nosniff, frame-ancestors, Referrer-Policy`,
        ...conditions(probe.expect),
      ]
    case 'latency':
      return [
        `${probe.requests} × ${request(probe)}`,
        `${probe.rate}/s, ${probe.concurrency} at once`,
        ...conditions(probe.expect),
      ]
    case 'metric':
      return [
        `query ${probe.query} on ${probe.source}${probe.auth ? ` as ${probe.auth.credential}` : ''}`,
        ...conditions(probe.expect),
      ]
  }
}

/**
 * A probe as one readable line for people: what it asks, what it expects, how often it must be
 * re-checked ("GET {api_url}/health · expects status 200 · body.checks.migrations.pending == 0 ·
 * every 5 min"). A preset says what it checks, then what it expands to. `${...}` placeholders stay
 * as written: the renderer never sees variable values that might be secrets.
 */
export function describeProbe(probe: Probe, options: { freshness?: string } = {}): string {
  const parts: string[] = []
  if (probe.kind === 'preset') {
    const preset = findPreset(probe.preset)
    const expanded = expandPreset(probe)
    if (!preset) parts.push(`unknown preset ${probe.preset}`)
    else parts.push(`${preset.provider}: ${preset.title} (${preset.id})`)
    if (expanded.ok) {
      const inner = kindParts(expanded.probe as Exclude<Probe, { kind: 'preset' }>)
      parts.push(...inner)
    } else if (preset) parts.push(expanded.message)
    const params = Object.entries(probe.params)
    if (params.length > 0)
      parts.push(
        `with ${params.map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : v}`).join(', ')}`,
      )
  } else parts.push(...kindParts(probe))
  if (options.freshness !== undefined)
    parts.push(`every ${formatDuration(parseDuration(options.freshness))}`)
  return parts.join(PART_SEPARATOR)
}
