import { z } from 'zod'
import { ProbeSchema, type ProbeKind } from '../plan/probes'

/**
 * The probe editor's form, generated from the plan schema (its JSON Schema, as zod renders it for
 * the input side: defaults make a field optional). Pure: the renderer draws what this returns, and
 * main validates what the form builds (the renderer's checks are only for typing feedback).
 */

/** How a field is edited and checked. */
export type FieldType =
  | 'text'
  | 'duration'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'choice'
  /** CEL conditions, one per row. */
  | 'conditions'
  /** A list of strings, one per line. */
  | 'list'
  /** A string → string map, `name: value` per line. */
  | 'map'
  /** Anything else (a JSON body, flow steps): edited as JSON text. */
  | 'json'

export interface FormField {
  /** Where the value goes in the probe: `url`, `auth.credential`, `params.branch`. */
  path: string
  label: string
  type: FieldType
  required: boolean
  description?: string
  /** Shown as the placeholder: what applies when the field is left empty. */
  placeholder?: string
  choices?: readonly string[]
  min?: number
  max?: number
  /** The number must be greater than this (not equal). */
  above?: number
  /** A regular expression the text must match (a preset param's pattern). */
  pattern?: string
}

/** What the form holds: text for most fields, a flag for booleans, rows for conditions. */
export type FieldValue = string | boolean | string[]
export type FormValues = Record<string, FieldValue>

/** The probe kinds, in the order the plan schema lists them. */
export const PROBE_KINDS: readonly ProbeKind[] = ProbeSchema.options.map((o) => o.shape.kind.value)

const DURATION_PATTERN = '^(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)$'

/** A JSON Schema node, as far as the generator reads it. */
interface SchemaNode {
  type?: string | string[]
  const?: unknown
  enum?: unknown[]
  default?: unknown
  description?: string
  pattern?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  minLength?: number
  properties?: Record<string, SchemaNode>
  required?: string[]
  items?: SchemaNode
  additionalProperties?: SchemaNode | boolean
}

const cache = new Map<ProbeKind, FormField[]>()

/** The form for a probe kind: every field of its schema but `kind`, nested objects flattened. */
export function probeFields(kind: ProbeKind): FormField[] {
  const known = cache.get(kind)
  if (known) return known
  const schema = ProbeSchema.options.find((o) => o.shape.kind.value === kind)
  if (!schema) throw new Error(`unknown probe kind "${kind}"`)
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as SchemaNode
  const fields = fieldsOf(json).filter((f) => f.path !== 'kind')
  cache.set(kind, fields)
  return fields
}

/**
 * Walk an object schema into fields. An optional nested object's own required fields are not
 * marked required (they are only needed once the object is used).
 */
export function fieldsOf(node: SchemaNode, prefix = '', parentRequired = true): FormField[] {
  const required = new Set(node.required ?? [])
  const out: FormField[] = []
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name
    const isRequired = parentRequired && required.has(name)
    if (typeOf(child) === 'object' && child.properties) {
      out.push(...fieldsOf(child, path, isRequired))
      continue
    }
    out.push(fieldOf(path, name, child, isRequired))
  }
  return out
}

function typeOf(node: SchemaNode): string | undefined {
  return Array.isArray(node.type) ? node.type[0] : node.type
}

function fieldOf(path: string, name: string, node: SchemaNode, required: boolean): FormField {
  // A nested field is named with its object: "Paginate url" is not the request's "Url".
  const label = labelOf(path.split('.').join(' '))
  const field: FormField = { path, label, type: kindOf(name, node), required }
  if (node.description !== undefined) field.description = node.description
  if (node.default !== undefined && !isEmptyDefault(node.default))
    field.placeholder = String(node.default)
  if (node.enum) field.choices = node.enum.map(String)
  if (node.minimum !== undefined) field.min = node.minimum
  if (node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER) field.max = node.maximum
  if (node.exclusiveMinimum !== undefined) field.above = node.exclusiveMinimum
  if (node.pattern !== undefined && node.pattern !== DURATION_PATTERN) field.pattern = node.pattern
  return field
}

function isEmptyDefault(value: unknown): boolean {
  return (
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && Object.keys(value).length === 0)
  )
}

function kindOf(name: string, node: SchemaNode): FieldType {
  const type = typeOf(node)
  if (node.enum) return 'choice'
  if (type === 'string') return node.pattern === DURATION_PATTERN ? 'duration' : 'text'
  if (type === 'integer') return 'integer'
  if (type === 'number') return 'number'
  if (type === 'boolean') return 'boolean'
  if (type === 'array' && typeOf(node.items ?? {}) === 'string')
    return name === 'expect' ? 'conditions' : 'list'
  if (type === 'object' && isStringMap(node)) return 'map'
  return 'json'
}

function isStringMap(node: SchemaNode): boolean {
  const values = node.additionalProperties
  return typeof values === 'object' && typeOf(values) === 'string'
}

/** `followRedirects` → "Follow redirects", `minDaysLeft` → "Min days left". */
export function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A preset's params (as listPresets describes them) as fields under `params.`. */
export interface PresetParam {
  name: string
  type: 'string' | 'number' | 'boolean' | 'list'
  required: boolean
  description: string
  default?: string | number | boolean | string[]
  values?: string[]
  pattern?: string
}

export function presetParamFields(params: readonly PresetParam[]): FormField[] {
  return params.map((p) => {
    const field: FormField = {
      path: `params.${p.name}`,
      label: p.name,
      type: p.values ? 'choice' : p.type === 'string' ? 'text' : p.type,
      required: p.required,
      description: p.description,
    }
    if (p.default !== undefined)
      field.placeholder = Array.isArray(p.default) ? p.default.join(', ') : String(p.default)
    if (p.values) field.choices = p.values
    if (p.pattern !== undefined) field.pattern = p.pattern
    return field
  })
}

/** Empty means "not given": an empty string, an unchecked box, no rows. */
function isEmpty(value: FieldValue | undefined): boolean {
  if (value === undefined || value === false) return true
  if (Array.isArray(value)) return value.every((v) => v.trim() === '')
  return typeof value === 'string' && value.trim() === ''
}

/**
 * Check one field as it is typed: the message to show next to it, or undefined when it is fine.
 * CEL conditions are checked by the conditions editor (compileCondition), not here.
 */
export function checkField(field: FormField, value: FieldValue | undefined): string | undefined {
  if (isEmpty(value)) return field.required ? 'required' : undefined
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  switch (field.type) {
    case 'duration':
      return new RegExp(DURATION_PATTERN).test(text)
        ? undefined
        : `"${text}" is not a duration: write e.g. 500ms, 30s, 15m, 2h or 7d`
    case 'integer':
    case 'number':
      return checkNumber(field, text)
    case 'choice':
      return field.choices && !field.choices.includes(text)
        ? `choose one of ${field.choices.join(', ')}`
        : undefined
    case 'map':
      return mapLines(text).error
    case 'json':
      try {
        JSON.parse(text)
        return undefined
      } catch (e) {
        return `not JSON: ${e instanceof Error ? e.message : String(e)}`
      }
    case 'list':
      return field.pattern ? checkPattern(field.pattern, listLines(text)) : undefined
    default:
      return field.pattern ? checkPattern(field.pattern, [text]) : undefined
  }
}

function checkNumber(field: FormField, text: string): string | undefined {
  const n = Number(text)
  if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(n)) return `"${text}" is not a number`
  if (field.type === 'integer' && !Number.isInteger(n)) return `"${text}" is not a whole number`
  if (field.min !== undefined && n < field.min) return `must be at least ${field.min}`
  if (field.max !== undefined && n > field.max) return `must be at most ${field.max}`
  if (field.above !== undefined && n <= field.above) return `must be more than ${field.above}`
  return undefined
}

function checkPattern(pattern: string, texts: string[]): string | undefined {
  let re: RegExp
  try {
    re = new RegExp(pattern)
  } catch {
    return undefined // a preset's pattern main could not compile is main's error to report
  }
  const bad = texts.find((t) => !re.test(t))
  return bad === undefined ? undefined : `"${bad}" does not match ${pattern}`
}

function listLines(text: string): string[] {
  return text
    .split(/\n|,/)
    .map((l) => l.trim())
    .filter(Boolean)
}

function mapLines(text: string): { map: Record<string, string>; error?: string } {
  const map: Record<string, string> = {}
  for (const [index, line] of text.split('\n').entries()) {
    if (!line.trim()) continue
    const at = line.indexOf(':')
    if (at <= 0) return { map, error: `line ${index + 1}: write "name: value"` }
    map[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  return { map }
}

function getPath(object: Record<string, unknown>, path: string): unknown {
  let at: unknown = object
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined
    at = (at as Record<string, unknown>)[key]
  }
  return at
}

/** What the form shows for a probe: each field's value as text, flag or rows. */
export function valuesFromProbe(
  fields: readonly FormField[],
  probe: Record<string, unknown>,
): FormValues {
  const values: FormValues = {}
  for (const field of fields) {
    const value = getPath(probe, field.path)
    if (value === undefined) continue
    values[field.path] = toFieldValue(field, value)
  }
  return values
}

function toFieldValue(field: FormField, value: unknown): FieldValue {
  switch (field.type) {
    case 'boolean':
      return value === true
    case 'conditions':
      return Array.isArray(value) ? value.map(String) : [String(value)]
    case 'list':
      return Array.isArray(value) ? value.map(String).join('\n') : String(value)
    case 'map':
      return typeof value === 'object' && value !== null
        ? Object.entries(value)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join('\n')
        : ''
    case 'json':
      return JSON.stringify(value, null, 2)
    default:
      return typeof value === 'string' ? value : JSON.stringify(value)
  }
}

export type BuildResult =
  | { ok: true; probe: Record<string, unknown> }
  | { ok: false; errors: { path: string; message: string }[] }

/**
 * The probe the form describes: `base` (the probe as it was) with every form field set from its
 * value, empty optional fields removed. Keys the form does not show are kept as they were.
 */
export function probeFromValues(
  kind: ProbeKind,
  fields: readonly FormField[],
  values: FormValues,
  base: Record<string, unknown> = {},
): BuildResult {
  const probe: Record<string, unknown> = structuredClone(base)
  probe.kind = kind
  const errors: { path: string; message: string }[] = []
  for (const field of fields) {
    const value = values[field.path]
    const problem = checkField(field, value)
    if (problem) {
      errors.push({ path: field.path, message: problem })
      continue
    }
    setPath(probe, field.path, isEmpty(value) ? undefined : fromFieldValue(field, value!))
  }
  return errors.length ? { ok: false, errors } : { ok: true, probe }
}

function fromFieldValue(field: FormField, value: FieldValue): unknown {
  if (typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.map((v) => v.trim()).filter(Boolean)
  const text = value.trim()
  switch (field.type) {
    case 'integer':
    case 'number':
      return Number(text)
    case 'list':
      return listLines(text)
    case 'map':
      return mapLines(text).map
    case 'json':
      return JSON.parse(text) as unknown
    default:
      return text
  }
}

/** Set (or with undefined, remove) a dotted path; an object left empty is removed too. */
function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.')
  const last = keys.pop()!
  const parents: [Record<string, unknown>, string][] = []
  let at = object
  for (const key of keys) {
    const next = at[key]
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      if (value === undefined) return
      at[key] = {}
    }
    parents.push([at, key])
    at = at[key] as Record<string, unknown>
  }
  if (value === undefined) delete at[last]
  else at[last] = value
  for (const [parent, key] of parents.reverse()) {
    const child = parent[key] as Record<string, unknown>
    if (Object.keys(child).length === 0) delete parent[key]
  }
}
