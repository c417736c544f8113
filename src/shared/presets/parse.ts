import { parse } from 'yaml'
import { compileCondition } from '../conditions/compile'
import { formatPath, type PathSegment, type SourceError } from '../plan/errors'
import { dedupe, issueToErrors } from '../plan/load'
import { readYamlSource } from '../plan/yaml-source'
import {
  PresetFileSchema,
  type ParamValue,
  type PresetCondition,
  type PresetDefinition,
  type PresetFile,
  type PresetParam,
  type PresetSpec,
} from './format'
import { celLiteral, paramsIn, type ParamValues } from './template'

export const MAX_PRESET_FILE_BYTES = 1024 * 1024

export type PresetFileResult =
  { ok: true; presets: PresetDefinition[] } | { ok: false; errors: SourceError[] }

interface Finding {
  path: PathSegment[]
  message: string
  key?: boolean
}

/** Parse and check one preset file (YAML or JSON); every problem names its file:line:column. */
export function parsePresetFile(text: string, file: string, builtin = false): PresetFileResult {
  if (text.length > MAX_PRESET_FILE_BYTES)
    return fail({ file, path: '', message: `file is larger than ${MAX_PRESET_FILE_BYTES} bytes` })
  // The quick way first (a plain parse is several times cheaper than a positioned document);
  // only a file with a problem is parsed again to say where the problem is.
  const quick = quickParse(text, file, builtin)
  if (quick) return quick
  const source = readYamlSource(text, file, 'presets')
  if (!source.ok) return { ok: false, errors: source.errors }
  const { raw, locate } = source
  const parsed = PresetFileSchema.safeParse(raw)
  if (!parsed.success)
    return {
      ok: false,
      errors: dedupe(
        parsed.error.issues.flatMap((issue) => issueToErrors(issue, raw, file, locate)),
      ),
    }
  const findings = checkFile(parsed.data)
  if (findings.length > 0)
    return {
      ok: false,
      errors: findings.map(({ path, message, key }) => ({
        file,
        ...locate(path, key),
        path: formatPath(path),
        message,
      })),
    }
  return {
    ok: true,
    presets: parsed.data.presets.map((spec, i) =>
      definition(parsed.data, spec, { file, builtin, ...lineOf(locate(['presets', i])) }),
    ),
  }
}

/** A valid file's presets without building the positioned document, else undefined. */
function quickParse(text: string, file: string, builtin: boolean): PresetFileResult | undefined {
  let raw: unknown
  try {
    raw = parse(text, { uniqueKeys: true, maxAliasCount: 1000 })
  } catch {
    return undefined
  }
  const parsed = PresetFileSchema.safeParse(raw)
  // GoNoGo's own files are checked in full by its tests; at startup the schema is enough.
  if (!parsed.success || (!builtin && checkFile(parsed.data).length > 0)) return undefined
  return {
    ok: true,
    presets: parsed.data.presets.map((spec) =>
      definition(parsed.data, spec, { file, builtin, ...lineOfId(text, spec.id) }),
    ),
  }
}

/** The line of a preset's `id:` in the text (for "defined in file:line"). */
function lineOfId(text: string, id: string): { line?: number } {
  const match = new RegExp(
    `^[ \\t]*-?[ \\t]*id:[ \\t]*['"]?${id.replace(/[.]/g, '\\.')}['"]?[ \\t]*$`,
    'm',
  ).exec(text)
  return match ? { line: text.slice(0, match.index).split('\n').length } : {}
}

const lineOf = (p: { line?: number }) => (p.line === undefined ? {} : { line: p.line })

function fail(error: SourceError): PresetFileResult {
  return { ok: false, errors: [error] }
}

function definition(
  file: PresetFile,
  spec: PresetSpec,
  origin: PresetDefinition['origin'],
): PresetDefinition {
  return {
    ...spec,
    provider: (spec.provider ?? file.provider) as string,
    baseUrl: ((spec.baseUrl ?? file.baseUrl) as string).replace(/\/+$/, ''),
    credentialKinds: (spec.credentialKinds ??
      file.credentialKinds) as PresetDefinition['credentialKinds'],
    commonHeaders: file.headers ?? {},
    origin,
  }
}

/** A stand-in value of a param's type, for compiling conditions before any plan gives values. */
function sample(param: PresetParam): ParamValue {
  if (param.default !== undefined) return param.default
  if (param.values) return param.values[0] as string
  return param.type === 'number'
    ? 1
    : param.type === 'boolean'
      ? true
      : param.type === 'list'
        ? ['x']
        : 'x'
}

function typeOf(value: ParamValue): PresetParam['type'] {
  return Array.isArray(value) ? 'list' : (typeof value as 'string' | 'number' | 'boolean')
}

/** Rules the schema cannot express: unique ids, defaults resolved, placeholders declared, CEL compiles. */
function checkFile(file: PresetFile): Finding[] {
  const findings: Finding[] = []
  const ids = new Map<string, number>()
  file.presets.forEach((spec, i) => {
    const base: PathSegment[] = ['presets', i]
    const prior = ids.get(spec.id)
    if (prior !== undefined)
      findings.push({
        path: [...base, 'id'],
        message: `duplicate preset id "${spec.id}" (also presets[${prior}])`,
      })
    else ids.set(spec.id, i)
    const chooser = spec.baseUrlByParam
    if (chooser) {
      const param = spec.params[chooser.param]
      if (!param || param.type !== 'string' || param.default === undefined || !param.values)
        findings.push({
          path: [...base, 'baseUrlByParam', 'param'],
          message: `expected a string param with values and a default, got "${chooser.param}"`,
        })
      else
        for (const value of param.values)
          if (!(value in chooser.urls))
            findings.push({
              path: [...base, 'baseUrlByParam', 'urls'],
              message: `has no URL for ${chooser.param} "${value}"`,
            })
    }
    spec.steps?.forEach((step, s) => {
      if (step.when !== undefined && !(step.when in spec.params))
        findings.push({
          path: [...base, 'steps', s, 'when'],
          message: `"${step.when}" is not a param of ${spec.id}`,
        })
    })
    for (const field of ['provider', 'baseUrl', 'credentialKinds'] as const)
      if (spec[field] === undefined && file[field] === undefined)
        findings.push({
          path: base,
          message: `has no ${field}: give it here or at the top of the file`,
        })
    findings.push(...checkParams(spec, base), ...checkPlaceholders(spec, base))
  })
  return findings
}

function checkParams(spec: PresetSpec, base: PathSegment[]): Finding[] {
  const findings: Finding[] = []
  for (const [name, param] of Object.entries(spec.params)) {
    const at = [...base, 'params', name]
    if (param.default !== undefined && typeOf(param.default) !== param.type)
      findings.push({
        path: [...at, 'default'],
        message: `expected a ${param.type}, like the param's type`,
      })
    if (param.default !== undefined && param.required)
      findings.push({
        path: [...at, 'default'],
        message: 'a required param has no use for a default',
      })
    if ((param.values || param.pattern) && param.type !== 'string')
      findings.push({ path: at, message: 'values and pattern apply to string params only' })
    if (param.pattern !== undefined) {
      try {
        new RegExp(param.pattern)
      } catch {
        findings.push({ path: [...at, 'pattern'], message: 'is not a valid regular expression' })
      }
    }
  }
  return findings
}

interface Template {
  path: PathSegment[]
  text: string
  /** CEL (compiled here) or text. */
  cel: boolean
  /** Params whose absence this template tolerates (its `when`, or any for a query value). */
  guarded: (param: string) => boolean
  /** A forEach condition's list param, which stands for one element there. */
  each?: string
}

function conditionTemplates(list: readonly PresetCondition[], at: PathSegment[]): Template[] {
  return list.map((c, i) =>
    typeof c === 'string'
      ? { path: [...at, i], text: c, cel: true, guarded: () => false }
      : {
          path: [...at, i, 'check'],
          text: c.check,
          cel: true,
          guarded: (p) => p === c.when || p === c.forEach,
          ...(c.forEach !== undefined && { each: c.forEach }),
        },
  )
}

function templatesOf(spec: PresetSpec, base: PathSegment[]): Template[] {
  const out: Template[] = []
  const text = (path: PathSegment[], t: string | undefined, cel = false) => {
    if (t !== undefined) out.push({ path, text: t, cel, guarded: () => false })
  }
  const request = (r: NonNullable<PresetSpec['request']>, at: PathSegment[], when?: string) => {
    text([...at, 'url'], r.url)
    // A path chosen by a param may use that param; a step run only `when` a param may too.
    for (const [k, v] of Object.entries(r.urlWhen ?? {}))
      out.push({
        path: [...at, 'urlWhen', k],
        text: v,
        cel: false,
        guarded: (p) => p === k || p === when,
      })
    for (const [k, v] of Object.entries(r.query ?? {}))
      out.push({ path: [...at, 'query', k], text: v, cel: false, guarded: () => true })
    for (const [k, v] of Object.entries(r.headers ?? {})) text([...at, 'headers', k], v)
    text([...at, 'body'], r.body)
    if (r.json !== undefined) text([...at, 'json'], JSON.stringify(r.json))
  }
  if (spec.request) request(spec.request, [...base, 'request'])
  if (spec.paginate) {
    const at = [...base, 'paginate']
    text([...at, 'items'], spec.paginate.items, true)
    text([...at, 'more'], spec.paginate.more, true)
    text([...at, 'url'], spec.paginate.url, true)
    for (const [k, v] of Object.entries(spec.paginate.query ?? {}))
      text([...at, 'query', k], v, true)
  }
  spec.steps?.forEach((step, s) => {
    const at = [...base, 'steps', s]
    const first = out.length
    request(step, at, step.when)
    text([...at, 'auth', 'bundleId'], step.auth?.bundleId)
    for (const [k, v] of Object.entries(step.capture)) text([...at, 'capture', k], v, true)
    text([...at, 'poll', 'until'], step.poll?.until, true)
    text([...at, 'poll', 'interval'], step.poll?.interval)
    text([...at, 'poll', 'deadline'], step.poll?.deadline)
    out.push(...conditionTemplates(step.expect, [...at, 'expect']))
    if (step.when !== undefined)
      for (const t of out.slice(first)) {
        const inner = t.guarded
        const when = step.when
        t.guarded = (p) => p === when || inner(p)
      }
  })
  out.push(...conditionTemplates(spec.expect, [...base, 'expect']))
  return out
}

function checkPlaceholders(spec: PresetSpec, base: PathSegment[]): Finding[] {
  const findings: Finding[] = []
  const conditions = [...(spec.steps ?? []).flatMap((s) => s.expect), ...spec.expect]
  conditions.forEach((c) => {
    if (typeof c === 'string') return
    for (const name of [c.when, c.forEach])
      if (name !== undefined && !(name in spec.params))
        findings.push({
          path: [...base, 'expect'],
          message: `"${name}" is not a param of ${spec.id}`,
        })
    if (
      c.forEach !== undefined &&
      spec.params[c.forEach] &&
      spec.params[c.forEach]?.type !== 'list'
    )
      findings.push({
        path: [...base, 'expect'],
        message: `forEach needs a list param; "${c.forEach}" is a ${spec.params[c.forEach]?.type}`,
      })
  })
  const samples: ParamValues = Object.fromEntries(
    Object.entries(spec.params).map(([name, p]) => [name, sample(p)]),
  )
  for (const t of templatesOf(spec, base)) {
    for (const name of paramsIn(t.text)) {
      const param = spec.params[name]
      if (!param)
        findings.push({
          path: t.path,
          message: `\${params.${name}}: ${spec.id} declares no param "${name}"`,
        })
      else if (!param.required && param.default === undefined && !t.guarded(name))
        findings.push({
          path: t.path,
          message: `\${params.${name}} is optional and has no default: give it one, or use it only under when: ${name}`,
        })
    }
    if (!t.cel) continue
    const filled = t.text.replace(/\$\{params\.([A-Za-z_][A-Za-z0-9_]*)\}/g, (_w, name: string) => {
      const v = name === t.each ? 'x' : samples[name]
      return v === undefined ? '""' : celLiteral(v)
    })
    const compiled = compileCondition(filled)
    if (!compiled.ok)
      findings.push({ path: t.path, message: `condition does not compile: ${compiled.message}` })
  }
  return findings
}
