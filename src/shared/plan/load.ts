import type { z } from 'zod'
import { planHash } from './hash'
import { describeValue, formatPath, type PathSegment, type SourceError } from './errors'
import { canaryFindings } from '../canary/findings'
import { chooseEnvironment, environmentFindings, resolveVars } from './environments'
import { compileCondition } from '../conditions/compile'
import {
  defaultCatalog,
  findPreset,
  type PresetCatalog,
  type PresetSource,
} from '../presets/catalog'
import { expandPreset } from '../presets/expand'
import { ProbeSchema, type Probe } from './probes'
import { collectReferences, flowCaptures } from './references'
import { parseSignerLine } from './allowed-signers'
import { PlanSchema, type Item, type Plan } from './schema'
import { presetIds, withUserPresets } from './user-presets'
import { rangeOf, readYamlSource, yamlMessage } from './yaml-source'

export { planHash }
export { rangeOf, yamlMessage }

export const MAX_PLAN_BYTES = 5 * 1024 * 1024

export interface LoadedPlan {
  file: string
  plan: Plan
  /** SHA-256 over the RFC 8785 canonical JSON of the validated plan. */
  hash: string
  /** Every declared var with its value after defaults and overrides; missing ones are absent. */
  vars: Record<string, string>
  /** The environment whose vars were applied (absent when the plan declares none, or none was chosen). */
  environment?: string
  /** The presets it was checked against, when the caller gave them (a plan's own preset files). */
  presets?: PresetCatalog
}

export type LoadResult = { ok: true; value: LoadedPlan } | { ok: false; errors: SourceError[] }

export interface LoadOptions {
  /** `--var key=value` overrides; naming an undeclared var is an error. */
  vars?: Record<string, string>
  /**
   * Require a value for every var the plan uses (when about to run it). This also requires an
   * environment when the plan declares more than one.
   */
  requireVarValues?: boolean
  /** `--env NAME`: one of the plan's environments, whose vars apply over the defaults. */
  environment?: string
  /** The presets preset probes may name (default: the built-in ones main installed). */
  presets?: PresetSource
}

/** Parse, validate and cross-check a plan written in YAML or JSON (JSON is read as YAML 1.2). */
export function loadPlanText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  if (text.length > MAX_PLAN_BYTES) {
    return fail({
      file,
      path: '',
      message: `file is larger than ${MAX_PLAN_BYTES / 1024 / 1024} MiB`,
    })
  }
  const read = readYamlSource(text, file, 'a plan')
  if (!read.ok) return { ok: false, errors: read.errors }
  const { raw, locate } = read

  const parsed = PlanSchema.safeParse(raw)
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((issue) => issueToErrors(issue, raw, file, locate))
    return { ok: false, errors: dedupe(errors) }
  }
  const plan = parsed.data
  const source = options.presets ?? defaultCatalog()
  const presets = typeof source === 'function' ? source(presetIds(plan)) : source
  const errors = crossCheck(plan, presets).map(({ path, message, key }) => ({
    file,
    ...locate(path, key),
    path: formatPath(path),
    message,
  }))
  if (plan.userPresets !== undefined)
    errors.push({
      file,
      ...locate(['userPresets'], true),
      path: 'userPresets',
      message:
        'is filled in by GoNoGo from the preset files when it loads a plan, never written by hand: name the files under presets:',
    })
  for (const f of environmentFindings(plan))
    errors.push({ file, ...locate(f.path, true), path: formatPath(f.path), message: f.message })
  const choice = chooseEnvironment(plan, options.environment, options.requireVarValues ?? false)
  if (!choice.ok) errors.push({ file, path: '--env', message: choice.message })
  const environment = choice.ok ? choice.environment : undefined
  const vars = resolveVars(plan, environment, options.vars ?? {})
  for (const name of Object.keys(options.vars ?? {})) {
    if (!Object.hasOwn(plan.vars, name)) {
      errors.push({ file, path: `--var ${name}`, message: `the plan declares no var "${name}"` })
    }
  }
  // Without a valid environment the missing values would only echo that one problem.
  if (options.requireVarValues && choice.ok) {
    for (const name of Object.keys(plan.vars)) {
      if (!Object.hasOwn(vars, name)) {
        errors.push({
          file,
          ...locate(['vars', name], true),
          path: `vars.${name}`,
          message: `has no default and no value${environment ? ` in environment "${environment}"` : ''}: pass --var ${name}=VALUE`,
        })
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors }
  // The user presets it uses travel with the plan (and its hash); the built-in ones do not.
  const loaded = withUserPresets(plan, presets)
  return {
    ok: true,
    value: {
      file,
      plan: loaded,
      hash: planHash(loaded),
      vars,
      ...(environment !== undefined && { environment }),
      ...(options.presets && { presets }),
    },
  }
}

function fail(error: SourceError): LoadResult {
  return { ok: false, errors: [error] }
}

interface Finding {
  path: PathSegment[]
  message: string
  key?: boolean
}

/** Roles: unique names; pinned signers that parse; a quorum the pins can reach. */
function roleFindings(plan: Plan): Finding[] {
  const findings: Finding[] = []
  const seen = new Set<string>()
  plan.roles.forEach((role, r) => {
    const name = typeof role === 'string' ? role : role.name
    if (seen.has(name))
      findings.push({
        path: ['roles', r, ...(typeof role === 'string' ? [] : ['name'])],
        message: `duplicate role "${name}"`,
      })
    seen.add(name)
    if (typeof role === 'string') return
    let pins = 0
    ;(role.signers ?? []).forEach((line, j) => {
      try {
        if (parseSignerLine(line)) pins++
        else
          findings.push({ path: ['roles', r, 'signers', j], message: 'is not a public key line' })
      } catch (e) {
        findings.push({ path: ['roles', r, 'signers', j], message: (e as Error).message })
      }
    })
    if (role.signersFile !== undefined) return // counted once the file is read (main)
    if (role.quorum !== undefined && role.quorum > pins)
      findings.push({
        path: ['roles', r, 'quorum'],
        message: pins
          ? `quorum ${role.quorum} needs at least ${role.quorum} pinned signers; ${pins} are pinned`
          : 'a quorum counts pinned keys: pin the signers (signers or signersFile)',
      })
  })
  return findings
}

/** Rules the schema cannot express: unique ids, known credentials, known vars. */
function crossCheck(plan: Plan, presets: PresetCatalog): Finding[] {
  const findings: Finding[] = roleFindings(plan)
  const phaseIds = new Map<string, number>()
  const itemIds = new Map<string, string>()
  plan.phases.forEach((phase, p) => {
    const seen = phaseIds.get(phase.id)
    if (seen !== undefined)
      findings.push({
        path: ['phases', p, 'id'],
        message: `duplicate phase id "${phase.id}" (also phases[${seen}])`,
      })
    else phaseIds.set(phase.id, p)
    // A parent must come earlier in the same phase, which also rules out cycles.
    const earlier = new Set<string>()
    phase.items.forEach((item, i) => {
      if (item.parent !== undefined && !earlier.has(item.parent))
        findings.push({
          path: ['phases', p, 'items', i, 'parent'],
          message: `parent "${item.parent}" is not an earlier item of phase "${phase.id}"`,
        })
      earlier.add(item.id)
      const prior = itemIds.get(item.id)
      if (prior !== undefined)
        findings.push({
          path: ['phases', p, 'items', i, 'id'],
          message: `duplicate item id "${item.id}" (also ${prior})`,
        })
      else itemIds.set(item.id, `phases[${p}].items[${i}]`)
      if (item.canary) checkCanaryItem(plan, item, ['phases', p, 'items', i], findings)
      const probe = item.probe
      if (!probe) return
      const base: PathSegment[] = ['phases', p, 'items', i, 'probe']
      if ('auth' in probe && probe.auth)
        checkCredential(plan, probe.auth.credential, [...base, 'auth', 'credential'], findings)
      if (probe.kind === 'flow') {
        const stepIds = new Set<string>()
        probe.steps.forEach((step, s) => {
          if (stepIds.has(step.id))
            findings.push({
              path: [...base, 'steps', s, 'id'],
              message: `duplicate step id "${step.id}"`,
            })
          stepIds.add(step.id)
          if (step.auth)
            checkCredential(
              plan,
              step.auth.credential,
              [...base, 'steps', s, 'auth', 'credential'],
              findings,
            )
        })
      }
      for (const ref of collectReferences(probe, base)) {
        const stepIndex =
          ref.path[5] === 'steps' && typeof ref.path[6] === 'number' ? ref.path[6] : -1
        if (ref.scope === 'vars') {
          const captured = stepIndex >= 0 ? flowCaptures(plan, p, i, stepIndex) : []
          if (!Object.hasOwn(plan.vars, ref.name) && !captured.includes(ref.name)) {
            findings.push({
              path: ref.path,
              message: `unknown var "${ref.name}": declare it under vars${stepIndex >= 0 ? ' or capture it in an earlier step' : ''}`,
            })
          }
        } else if (ref.scope === 'secrets') {
          checkCredential(plan, ref.name, ref.path, findings)
        } else {
          findings.push({
            path: ref.path,
            message: `unknown placeholder \${${ref.scope}.${ref.name}}: use \${vars.NAME} or \${secrets.NAME}`,
          })
        }
      }
      if (probe.kind === 'preset') {
        const expanded = expandPreset(probe, presets)
        const preset = findPreset(probe.preset, presets)
        if (!expanded.ok)
          findings.push({
            path: [...base, preset ? 'params' : 'preset'],
            message: expanded.message,
          })
        const declared = plan.credentials[probe.credential]
        if (!declared) checkCredential(plan, probe.credential, [...base, 'credential'], findings)
        else if (preset && !preset.credentialKinds.includes(declared.kind))
          findings.push({
            path: [...base, 'credential'],
            message: `${preset.id} authenticates with a ${preset.credentialKinds.join(' or ')} credential; "${probe.credential}" is a ${declared.kind}`,
          })
        if (expanded.ok && expanded.probe.kind !== 'preset')
          for (const { source } of conditionsOf(expanded.probe, base)) {
            const compiled = compileCondition(source)
            if (!compiled.ok)
              findings.push({
                path: [...base, 'expect'],
                message: `condition does not compile: ${compiled.message} (in ${JSON.stringify(source)})`,
              })
          }
        return
      }
      for (const { path, source } of conditionsOf(probe, base)) {
        const compiled = compileCondition(source)
        if (!compiled.ok)
          findings.push({
            path,
            message: `condition does not compile: ${compiled.message} (at character ${compiled.offset + 1} of ${JSON.stringify(source)})`,
          })
      }
    })
  })
  return findings
}

function checkCanaryItem(plan: Plan, item: Item, base: PathSegment[], findings: Finding[]): void {
  const canary = item.canary
  if (!canary) return
  const at = [...base, 'canary']
  if (item.probe)
    findings.push({
      path: at,
      message: 'an item has a probe or a canary, not both (make a second item)',
    })
  findings.push(...canaryFindings(canary, at))
  const source = canary.source
  if ('auth' in source && source.auth)
    checkCredential(plan, source.auth.credential, [...at, 'source', 'auth', 'credential'], findings)
  if (source.type === 'datadog') {
    checkCredential(plan, source.apiKey, [...at, 'source', 'apiKey'], findings)
    checkCredential(plan, source.appKey, [...at, 'source', 'appKey'], findings)
  }
  for (const ref of collectReferences(source, [...at, 'source'])) {
    if (ref.scope === 'vars' && !Object.hasOwn(plan.vars, ref.name))
      findings.push({ path: ref.path, message: `unknown var "${ref.name}": declare it under vars` })
    else if (ref.scope === 'secrets') checkCredential(plan, ref.name, ref.path, findings)
    else if (ref.scope !== 'vars')
      findings.push({
        path: ref.path,
        message: `unknown placeholder \${${ref.scope}.${ref.name}}: use \${vars.NAME} or \${secrets.NAME}`,
      })
  }
  canary.metrics.forEach((metric, m) => {
    for (const ref of collectReferences(metric, [...at, 'metrics', m]))
      if (ref.scope !== 'vars' || !Object.hasOwn(plan.vars, ref.name))
        findings.push({
          path: ref.path,
          message: `unknown ${ref.scope === 'vars' ? 'var' : 'placeholder'} "${ref.name}": queries may use declared \${vars.NAME} only`,
        })
  })
}

/** Every CEL expression of a probe, with where it is in the plan. */
function conditionsOf(
  probe: Probe,
  base: PathSegment[],
): { path: PathSegment[]; source: string }[] {
  const out = probe.expect.map((source, i) => ({ path: [...base, 'expect', i], source }))
  if (probe.kind === 'http' && probe.paginate) {
    const at = [...base, 'paginate']
    const { items, more, url, query } = probe.paginate
    out.push({ path: [...at, 'items'], source: items })
    if (more) out.push({ path: [...at, 'more'], source: more })
    if (url) out.push({ path: [...at, 'url'], source: url })
    for (const [name, source] of Object.entries(query ?? {}))
      out.push({ path: [...at, 'query', name], source })
  }
  if (probe.kind === 'flow') {
    probe.steps.forEach((step, s) => {
      const at = [...base, 'steps', s]
      step.expect.forEach((source, i) => out.push({ path: [...at, 'expect', i], source }))
      for (const [name, source] of Object.entries(step.capture))
        out.push({ path: [...at, 'capture', name], source })
      if (step.poll) out.push({ path: [...at, 'poll', 'until'], source: step.poll.until })
    })
  }
  return out
}

function checkCredential(plan: Plan, name: string, path: PathSegment[], findings: Finding[]): void {
  if (!(name in plan.credentials)) {
    findings.push({
      path,
      message: `unknown credential "${name}": declare it under credentials with its kind`,
    })
  }
}

const PROBE_KINDS = ProbeSchema.options.map((o) => o.shape.kind.value)

export function issueToErrors(
  issue: z.core.$ZodIssue,
  raw: unknown,
  file: string,
  locate: (path: readonly PathSegment[], key?: boolean) => { line?: number; column?: number },
): SourceError[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol')
  const actual = valueAt(raw, path)
  const make = (p: PathSegment[], message: string, key = false): SourceError => ({
    file,
    ...locate(p, key),
    path: formatPath(p),
    message,
  })
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => make([...path, k], `unknown field "${k}"`, true))
    case 'invalid_type':
      if (actual === undefined) return [make(path, `is required (expected ${issue.expected})`)]
      return [make(path, `expected ${issue.expected}, got ${describeValue(actual)}`)]
    case 'invalid_value':
      return [
        make(
          path,
          `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, got ${describeValue(actual)}`,
        ),
      ]
    case 'invalid_union': {
      if (issue.discriminator) {
        const p =
          path[path.length - 1] === issue.discriminator ? path : [...path, issue.discriminator]
        const got = valueAt(raw, p)
        const expected = PROBE_KINDS.map((k) => JSON.stringify(k)).join(' | ')
        return [
          make(
            p,
            got === undefined
              ? `is required (expected ${expected})`
              : `expected ${expected}, got ${describeValue(got)}`,
          ),
        ]
      }
      return [make(path, `expected a string or a mapping, got ${describeValue(actual)}`)]
    }
    case 'invalid_format':
      return [make(path, `${issue.message}, got ${describeValue(actual)}`)]
    case 'too_small':
      if (issue.origin === 'string') return [make(path, 'must not be empty')]
      return [
        make(
          path,
          issue.message.startsWith('Too small')
            ? `expected at least ${String(issue.minimum)}`
            : issue.message,
        ),
      ]
    case 'too_big':
      return [make(path, `expected at most ${String(issue.maximum)}, got ${describeValue(actual)}`)]
    case 'invalid_key':
      return [make(path, issue.issues[0]?.message ?? 'invalid key', true)]
    default:
      return [make(path, issue.message)]
  }
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = root
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[seg]
  }
  return cur
}

export function dedupe(errors: SourceError[]): SourceError[] {
  const seen = new Set<string>()
  return errors.filter((e) => {
    const k = `${e.line}:${e.column}:${e.path}:${e.message}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
