import type { Needs } from './needs'
import {
  celLiteral,
  findDurations,
  findEndpoint,
  findStatus,
  pathPlaceholders,
  varName,
} from './text'

/**
 * One HTTP exchange read from an item's words: the request (method, URL, body, auth), what the
 * response must show, the values it hands on (ids, tokens) and the values it needs from earlier.
 */
export interface HttpCall {
  method: string
  url: string
  json?: Record<string, string>
  auth?: { credential: string }
  expect: string[]
  /** Values a later step can use: name → CEL over the response. */
  captures: Record<string, string>
  /** Placeholders in the path a previous step must supply ({job_id}). */
  uses: string[]
  poll?: { until: string; deadline: string }
  /** The words that decided it. */
  because: string
}

/** Where the words stop describing the request and start describing the response. */
const RESPONSE_VERB =
  /\b(returns?|responds?|answers?|gives|yields|replies|comes back|should return|must return|is refused|are refused|refused|rejected|is rejected|denied|fails? with|gets?|until)\b|→|->/i
const REFUSED = /\b(refused|rejected|denied|unauthori[sz]ed|forbidden|not allowed|blocked)\b/i
const FIELD = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])*$/
const IS = /^\s*(?:is|are|==|=|equals?|should be|must be|of|set to|:)\s*/i
const FIELD_THEN_IS = /^\s+`[^`]+`\s*(?:is|are|==|=|equals?)\b/i
const NOT_EMPTY = /^\s*(?:is|are)\s+(?:not empty|non-empty|a non-empty \w+)/i

/** Credentials written as "<kind of> key": the integration key, a revoked key, an invalid key. */
const KEY_RE =
  /\b(integration|api|revoked|expired|invalid|wrong|bad|random|fake|unknown|test|live|secret|customer|admin|partner|service)[ -](?:api[ -])?key\b/i
const FAKE_KEY = /^(invalid|wrong|bad|random|fake|unknown)$/i

export interface KeyMention {
  /** Credential name, or undefined for a made-up key (sent literally). */
  credential?: string
  literal?: string
  words: string
}

export function keyMention(text: string, needs: Needs): KeyMention | undefined {
  const m = KEY_RE.exec(text)
  if (!m) return undefined
  const adjective = (m[1] ?? '').toLowerCase()
  if (FAKE_KEY.test(adjective)) return { literal: 'not-a-real-key', words: m[0] }
  const name = `${varName(adjective)}_key`
  const help =
    adjective === 'revoked' || adjective === 'expired'
      ? `A key ${adjective} on purpose, to prove such keys are refused`
      : `The ${adjective} key the request sends`
  return { credential: needs.credential(name, 'token', help), words: m[0] }
}

/** Conditions over the response written as `field` is `value`, `field` is 0, with `field`. */
export function bodyConditions(text: string): string[] {
  const out: string[] = []
  const spans = [...text.matchAll(/`([^`]+)`/g)]
  const consumed = new Set<number>()
  for (let i = 0; i < spans.length; i++) {
    if (consumed.has(i)) continue
    const span = spans[i]
    const field = (span?.[1] ?? '').trim()
    if (!FIELD.test(field) || /^(GET|POST|PUT|PATCH|DELETE|HEAD)$/.test(field)) continue
    const end = (span?.index ?? 0) + (span?.[0].length ?? 0)
    const after = text.slice(end)
    if (NOT_EMPTY.test(after)) {
      out.push(`size(body.${field}) > 0`)
      continue
    }
    // "returns `version` `1.42.0`": a value right after the field.
    const is =
      IS.exec(after) ??
      (/^\s+(?=`[^`]+`)/.exec(after) && !FIELD_THEN_IS.test(after) ? /^\s+/.exec(after) : null)
    if (is) {
      const values: string[] = []
      let rest = after.slice(is[0].length)
      let j = i + 1
      for (;;) {
        const quoted = /^`([^`]+)`/.exec(rest)
        const bare = quoted ? undefined : /^(-?\d+(?:\.\d+)?|true|false|[a-z][\w-]*)\b/.exec(rest)
        if (quoted) {
          values.push(quoted[1] ?? '')
          consumed.add(j++)
          rest = rest.slice(quoted[0].length)
        } else if (
          bare &&
          values.length === 0 &&
          !/^(a|an|the|not|set|present)$/.test(bare[1] ?? '')
        ) {
          values.push(bare[1] ?? '')
          rest = rest.slice(bare[0].length)
        } else break
        const sep = /^\s*(?:,\s*or|,|or|\/|\|)\s*/.exec(rest)
        if (!sep || !/^`/.test(rest.slice(sep[0].length))) break
        // "`a` is `ok`, `b` is `0`": a span followed by "is" starts the next condition.
        const next = /^`[^`]+`/.exec(rest.slice(sep[0].length))?.[0] ?? ''
        if (
          IS.test(rest.slice(sep[0].length + next.length)) ||
          NOT_EMPTY.test(rest.slice(sep[0].length + next.length))
        )
          break
        rest = rest.slice(sep[0].length)
      }
      if (values.length === 1) out.push(`body.${field} == ${celLiteral(values[0] ?? '')}`)
      else if (values.length > 1)
        out.push(`body.${field} in [${values.map(celLiteral).join(', ')}]`)
      if (values.length > 0) continue
    }
    out.push(`has(body.${field})`)
  }
  return out
}

/** Request body fields written as `field` set to `value` / `field` set to the integration key. */
function requestJson(
  text: string,
  key: KeyMention | undefined,
): Record<string, string> | undefined {
  const json: Record<string, string> = {}
  for (const m of text.matchAll(
    /`?\b([A-Za-z_]\w*)`?\s+(?:=|set to)\s+(`([^`]+)`|(?:the |an? )?[\w -]{0,40}?\bkey\b|[^\s,;`]+)/gi,
  )) {
    const field = m[1] ?? ''
    const value = m[3] ?? m[2] ?? ''
    if (m[3] === undefined && /\bkey$/i.test(value)) {
      if (key) json[field] = key.credential ? `\${secrets.${key.credential}}` : (key.literal ?? '')
    } else json[field] = value.replace(/\.$/, '')
  }
  return Object.keys(json).length > 0 ? json : undefined
}

/** A path written with placeholders becomes a URL with `${vars.x}` for each. */
function urlFor(target: string, needs: Needs): string {
  const path = target.replace(
    /\{([A-Za-z_]\w*)\}|<([A-Za-z_]\w*)>|:([A-Za-z_]\w*)/g,
    (_w, a, b, c) => `\${vars.${String(a ?? b ?? c)}}`,
  )
  if (/^https?:\/\//.test(path)) return path
  const base = needs.apiBase()
  return `${base}${path}`
}

const POLL = /\bpoll\w*\b[^]{0,200}?\buntil\b([^]*)$/i

/** Read the item's request and response; undefined when the words name no endpoint. */
export function readCall(text: string, needs: Needs): HttpCall | undefined {
  const endpoint = findEndpoint(text)
  if (!endpoint) return undefined
  const rest = text.slice(endpoint.end)
  const verb = RESPONSE_VERB.exec(rest)
  const request = verb ? text.slice(0, endpoint.end + (verb.index ?? 0)) : text
  const response = verb ? rest.slice(verb.index ?? 0) : ''
  const key = keyMention(request, needs)
  const json = requestJson(request, key)
  const method = endpoint.method ?? (json ? 'POST' : 'GET')
  const expect: string[] = []
  const status = findStatus(response)
  const poll = POLL.exec(text)
  const untilText = poll?.[1] ?? ''
  const conditions = bodyConditions(poll ? response.replace(untilText, '') : response)
  if (status === '2xx') expect.push('status >= 200 && status < 300')
  else if (status !== undefined) expect.push(`status == ${status}`)
  else if (REFUSED.test(response || text)) expect.push('status in [401, 403]')
  else if (poll || conditions.length > 0)
    expect.push(poll ? 'status == 200' : 'status >= 200 && status < 300')
  expect.push(...conditions)
  const captures: Record<string, string> = {}
  for (const c of conditions) {
    const m = /^has\(body\.([A-Za-z_]\w*)\)$/.exec(c)
    if (m && /(^|_)(id|token)$/i.test(m[1] ?? '')) captures[m[1] ?? ''] = `body.${m[1]}`
  }
  const until = poll ? bodyConditions(untilText) : []
  const call: HttpCall = {
    method,
    url: urlFor(endpoint.target, needs),
    ...(json && { json }),
    ...(key?.credential && !json && { auth: { credential: key.credential } }),
    expect,
    captures,
    uses: pathPlaceholders(endpoint.target.replace(/^https?:\/\/[^/]+/, '')),
    ...(until.length > 0 && {
      poll: { until: until.join(' && '), deadline: findDurations(untilText)[0]?.text ?? '30s' },
    }),
    because: text,
  }
  return call
}
