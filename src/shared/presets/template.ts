import type { ParamValue, PresetCondition, PresetDefinition, PresetStep } from './format'

/**
 * Filling a preset's `${params.NAME}` placeholders. Where a placeholder sits decides how its value
 * is written: a CEL literal in conditions, percent-encoded in a URL path, plain text elsewhere.
 * `${vars.…}` and `${secrets.…}` are left alone for the probe engine.
 */

export type ParamValues = Record<string, ParamValue>

const PARAM = /\$\{params\.([A-Za-z_][A-Za-z0-9_]*)\}/g

/** A value the template needs but the plan did not give (and the param has no default). */
export class MissingParam extends Error {
  constructor(readonly param: string) {
    super(`\${params.${param}} has no value`)
  }
}

/** Names of the params a text refers to, in order of appearance. */
export function paramsIn(text: string): string[] {
  return [...text.matchAll(PARAM)].map((m) => m[1] as string)
}

/** A CEL literal: JSON string syntax is valid CEL; JSON numbers are doubles there (1 == 1.0 is a type error). */
export function celLiteral(value: ParamValue): string {
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`
  if (typeof value === 'number') return Number.isInteger(value) ? `${value}.0` : String(value)
  if (typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

const asText = (value: ParamValue) => (Array.isArray(value) ? value.join(',') : String(value))

function fill(text: string, values: ParamValues, write: (name: string, v: ParamValue) => string) {
  return text.replace(PARAM, (_whole, name: string) => {
    const value = values[name]
    if (value === undefined) throw new MissingParam(name)
    return write(name, value)
  })
}

export const fillCel = (text: string, values: ParamValues) =>
  fill(text, values, (_n, v) => celLiteral(v))
export const fillText = (text: string, values: ParamValues) =>
  fill(text, values, (_n, v) => asText(v))

function fillPath(def: PresetDefinition, text: string, values: ParamValues): string {
  return fill(text, values, (name, v) => {
    const raw = asText(v)
    // A plan var stays a placeholder for the probe engine to fill (a draft's `${vars.github_repo}`).
    if (/^\$\{vars\.[A-Za-z_][\w.-]*\}$/.test(raw)) return raw
    if (def.params[name]?.encode !== 'path') return encodeURIComponent(raw)
    // A path param (owner/name) keeps its slashes, never its way out of the path.
    return raw
      .split('/')
      .map((segment) => {
        if (segment === '.' || segment === '..' || segment === '')
          throw new Error(`params.${name} must not contain empty, "." or ".." path segments`)
        return encodeURIComponent(segment)
      })
      .join('/')
  })
}

const given = (value: ParamValue | undefined) => value !== undefined && value !== false

/** The conditions as CEL: `when` ones only when their param is given, `forEach` ones per element. */
export function fillConditions(list: readonly PresetCondition[], values: ParamValues): string[] {
  return list.flatMap((c) => {
    if (typeof c === 'string') return [fillCel(c, values)]
    if (c.when !== undefined && !given(values[c.when])) return []
    if (c.forEach === undefined) return [fillCel(c.check, values)]
    const list = values[c.forEach]
    if (list === undefined) return []
    const each = Array.isArray(list) ? list : [asText(list)]
    return each.map((element) => fillCel(c.check, { ...values, [c.forEach as string]: element }))
  })
}

const mapValues = (
  record: Record<string, string> | undefined,
  f: (v: string) => string,
): Record<string, string> | undefined =>
  record && Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]))

/** A JSON body: a string that is exactly one placeholder takes the value itself, others are text. */
function fillJson(value: unknown, values: ParamValues): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{params\.([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value)
    if (whole) {
      const v = values[whole[1] as string]
      if (v === undefined) throw new MissingParam(whole[1] as string)
      return v
    }
    return fillText(value, values)
  }
  if (Array.isArray(value)) return value.map((v) => fillJson(v, values))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillJson(v, values)]))
  return value
}

interface RequestTemplate {
  method: string
  url: string
  urlWhen?: Record<string, string> | undefined
  query?: Record<string, string> | undefined
  headers?: Record<string, string> | undefined
  json?: unknown
  body?: string | undefined
}

function fillRequest(
  def: PresetDefinition,
  request: RequestTemplate,
  values: ParamValues,
  base: string,
): Record<string, unknown> {
  const query = new URLSearchParams()
  for (const [name, template] of Object.entries(request.query ?? {})) {
    // An optional param without a value leaves its query parameter out (a team id, a filter).
    if (paramsIn(template).some((p) => values[p] === undefined)) continue
    query.append(name, fillText(template, values))
  }
  const search = query.toString()
  // A param may choose another path (an account-owned token verifies under its account).
  const chosen = Object.entries(request.urlWhen ?? {}).find(([name]) => given(values[name]))
  const path = fillPath(def, chosen ? chosen[1] : request.url, values)
  const headers = {
    ...def.commonHeaders,
    ...mapValues(request.headers, (v) => fillText(v, values)),
  }
  return {
    method: request.method,
    url: `${base}${path}${search ? `${path.includes('?') ? '&' : '?'}${search}` : ''}`,
    ...(Object.keys(headers).length > 0 && { headers }),
    ...(request.json !== undefined && { json: fillJson(request.json, values) }),
    ...(request.body !== undefined && { body: fillText(request.body, values) }),
  }
}

function fillStep(
  def: PresetDefinition,
  step: PresetStep,
  values: ParamValues,
  base: string,
): Record<string, unknown> {
  return {
    id: step.id,
    ...fillRequest(def, step, values, base),
    ...(step.auth && { auth: { bundleId: fillText(step.auth.bundleId, values) } }),
    capture: mapValues(step.capture, (v) => fillCel(v, values)),
    expect: fillConditions(step.expect, values),
    ...(step.poll && {
      poll: {
        until: fillCel(step.poll.until, values),
        interval: fillText(step.poll.interval, values),
        deadline: fillText(step.poll.deadline, values),
      },
    }),
    evidence: step.evidence,
    always: step.always,
  }
}

/**
 * The generic probe (as a plan would write it) a preset stands for, given complete param values.
 * Throws MissingParam when a placeholder has no value (the file checks rule that out for presets
 * that load).
 */
export function fillPreset(
  def: PresetDefinition,
  values: ParamValues,
  base: string,
): Record<string, unknown> {
  const expect = fillConditions(def.expect, values)
  if (def.steps)
    return {
      kind: 'flow',
      steps: def.steps
        .filter((step) => step.when === undefined || given(values[step.when]))
        .map((step) => fillStep(def, step, values, base)),
      expect,
    }
  const request = def.request as RequestTemplate
  const paginate = def.paginate && {
    ...def.paginate,
    items: fillCel(def.paginate.items, values),
    ...(def.paginate.more !== undefined && { more: fillCel(def.paginate.more, values) }),
    ...(def.paginate.url !== undefined && { url: fillCel(def.paginate.url, values) }),
    ...(def.paginate.query && { query: mapValues(def.paginate.query, (v) => fillCel(v, values)) }),
  }
  return {
    kind: 'http',
    ...fillRequest(def, request, values, base),
    ...(paginate && { paginate }),
    expect,
  }
}
