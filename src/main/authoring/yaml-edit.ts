import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type YAMLMap,
} from 'yaml'
import { stringify } from 'yaml'
import { own, type Edits } from '../../shared/authoring/working-copy'
import { ItemSchema, type PlanInput } from '../../shared/plan/schema'
import {
  entryLines,
  indentBlock,
  keyColumn,
  lineEnd,
  lineStart,
  pairOf,
  renderInline,
  STRINGIFY,
} from '../plans/merge-yaml'

/**
 * Saving a working copy over the YAML it was opened from: only what was edited changes. Each edit
 * is an entry of a map (an item's `probe`, `vars.NAME`, `environments.ENV.vars.NAME`); the
 * document is parsed with yaml's Document API to find the entry's source range, and the entry is
 * spliced in, replaced or cut there, rendered by yaml at the indentation of its siblings, so
 * comments, blank lines, key order and quoting elsewhere stay byte for byte (the approach of
 * src/main/plans/merge-yaml.ts). Where the file has no block map to edit in (flow style), the
 * Document API edits the document and renders it whole, which keeps comments but may respace.
 */

type Segment = string | number

/** One map entry to set (a value) or remove (undefined), under the map at `parent`. */
interface EntryEdit {
  parent: Segment[]
  key: string
  value: unknown
}

/** Where a new key goes in an item: after the keys that come before it in the schema's order. */
const ITEM_KEY_ORDER = Object.keys(ItemSchema.shape)

export type YamlEditResult =
  { ok: true; text: string; spliced: boolean } | { ok: false; message: string }

/** The edits of a working copy as map entries of the document it was read from. */
function entryEdits(doc: Document, plan: PlanInput, edited: Edits): EntryEdit[] | string {
  const out: EntryEdit[] = []
  const same = (path: Segment[], value: unknown) => {
    const node: unknown = doc.getIn(path, true)
    const current: unknown =
      node && typeof node === 'object' && 'toJSON' in node ? (node as YamlNode).toJSON() : node
    return (
      JSON.stringify(current ?? null) === JSON.stringify(value ?? null) &&
      (current === undefined) === (value === undefined)
    )
  }
  const edit = (parent: Segment[], key: string, value: unknown) => {
    if (!same([...parent, key], value)) out.push({ parent, key, value })
  }
  for (const id of edited.items) {
    const item = plan.phases.flatMap((p) => p.items).find((i) => i.id === id)
    // Edited, then pruned by an update from the checklist: gone from both.
    if (!item) continue
    const at = itemPath(doc, id)
    if (!at) return `item "${id}" is not where the file has it`
    edit(at, 'probe', item.probe)
    edit(at, 'canary', item.canary)
  }
  for (const name of edited.vars) edit(['vars'], name, own(plan.vars, name))
  for (const name of edited.credentials) edit(['credentials'], name, own(plan.credentials, name))
  for (const [env, name] of edited.environmentVars)
    edit(['environments', env, 'vars'], name, own(own(plan.environments, env)?.vars, name))
  return out
}

/** The document path of the item with this id (phases[p].items[i]). */
function itemPath(doc: Document, id: string): Segment[] | undefined {
  const phases = doc.getIn(['phases'], true)
  if (!isSeq(phases)) return undefined
  for (let p = 0; p < phases.items.length; p++) {
    const items = doc.getIn(['phases', p, 'items'], true)
    if (!isSeq(items)) continue
    for (let i = 0; i < items.items.length; i++) {
      const item = items.items[i]
      if (isMap(item) && item.get('id') === id) return ['phases', p, 'items', i]
    }
  }
  return undefined
}

interface Splice {
  start: number
  end: number
  text: string
  order: number
}

/** The YAML text of the working copy, edited in place where it can be, else via the Document API. */
export function editPlanYaml(text: string, plan: PlanInput, edited: Edits): YamlEditResult {
  const doc = parseDocument(text)
  if (doc.errors.length > 0)
    return { ok: false, message: `the file does not parse: ${doc.errors[0]!.message}` }
  const edits = entryEdits(doc, plan, edited)
  if (typeof edits === 'string') return { ok: false, message: edits }
  const spliced = splice(text, doc, plan, edits)
  if (spliced !== undefined) return { ok: true, text: spliced, spliced: true }
  for (const e of edits) {
    if (e.value === undefined) doc.deleteIn([...e.parent, e.key])
    else doc.setIn([...e.parent, e.key], doc.createNode(e.value))
  }
  return { ok: true, text: doc.toString(STRINGIFY), spliced: false }
}

/** Splice every edit into the text; undefined when one cannot be placed (then nothing is). */
function splice(
  text: string,
  doc: Document,
  plan: PlanInput,
  edits: EntryEdit[],
): string | undefined {
  const splices: Splice[] = []
  let order = 0
  const add = (start: number, end: number, insert: string) =>
    splices.push({ start, end, text: insert, order: order++ })
  const render = (key: string, value: unknown, indent: number) =>
    indentBlock(stringify({ [key]: value }, STRINGIFY), indent)
  const groups = new Map<string, EntryEdit[]>()
  for (const e of edits) {
    const k = JSON.stringify(e.parent)
    groups.set(k, [...(groups.get(k) ?? []), e])
  }
  for (const group of groups.values()) {
    const parent = group[0]!.parent
    const node = doc.getIn(parent, true)
    const removedAll =
      isMap(node) &&
      node.items.every((p) => group.some((e) => e.value === undefined && keyOf(p.key) === e.key)) &&
      group.every((e) => e.value === undefined)
    if (isMap(node) && !node.flow && node.items.length > 0 && node.range && !removedAll) {
      const map = node as YAMLMap
      const indent = keyColumn(text, map)
      const isItem = parent[0] === 'phases' && parent.length === 4
      for (const e of group) {
        const pair = pairOf(map, e.key)
        if (pair) {
          const key = pair.key as YamlNode
          const value = pair.value as YamlNode | null
          if (!key.range) return undefined
          const inline = e.value === undefined ? undefined : inlineScalar(text, key, value, e.value)
          const end = value?.range ? value.range[1] : key.range[1]
          if (inline) add(inline.start, inline.end, inline.text)
          else if (e.value === undefined) {
            const lines = entryLines(text, key.range[0], end)
            add(lines.start, lines.end, '')
          } else
            add(
              lineStart(text, key.range[0]),
              lineEnd(text, end),
              withKeyLineComment(render(e.key, e.value, indent), text, key, value),
            )
        } else if (e.value !== undefined) {
          const rank = ITEM_KEY_ORDER.indexOf(e.key)
          const next = isItem
            ? map.items.find((p) => ITEM_KEY_ORDER.indexOf(String(keyOf(p.key))) > rank)
            : undefined
          const nextKey = next?.key as YamlNode | undefined
          const at = nextKey?.range
            ? lineStart(text, nextKey.range[0])
            : lineEnd(text, map.range![1])
          add(at, at, render(e.key, e.value, indent))
        }
      }
      continue
    }
    // No block map to edit in: write the whole map, as the working copy has it, in its parent.
    const key = parent[parent.length - 1]
    const grand = parent.slice(0, -1)
    const owner = grand.length === 0 ? doc.contents : doc.getIn(grand, true)
    if (typeof key !== 'string' || !isMap(owner) || owner.flow || !owner.range) return undefined
    const whole = valueAt(plan, parent) ?? {}
    const indent = keyColumn(text, owner)
    const pair = pairOf(owner, key)
    if (pair) {
      const k = pair.key as YamlNode
      const v = pair.value as YamlNode | null
      if (!k.range) return undefined
      add(
        lineStart(text, k.range[0]),
        lineEnd(text, v?.range ? v.range[1] : k.range[1]),
        render(key, whole, indent),
      )
    } else {
      // A new top-level section goes before `phases:`, where plans keep vars and credentials.
      const phases =
        grand.length === 0 ? (pairOf(owner, 'phases')?.key as YamlNode | undefined) : undefined
      const at = phases?.range ? lineStart(text, phases.range[0]) : lineEnd(text, owner.range[1])
      // Sections set apart by a blank line stay so.
      const spaced = phases?.range !== undefined && text.slice(Math.max(0, at - 2), at) === '\n\n'
      add(at, at, render(key, whole, indent) + (spaced ? '\n' : ''))
    }
  }
  splices.sort((a, b) => b.start - a.start || b.order - a.order)
  let out = text
  let limit = Infinity
  for (const s of splices) {
    if (s.end > limit) return undefined
    out = out.slice(0, s.start) + s.text + out.slice(s.end)
    limit = s.start
  }
  return out
}

function keyOf(key: unknown): unknown {
  return isScalar(key) ? key.value : key
}

function valueAt(root: unknown, path: Segment[]): unknown {
  let cur: unknown = root
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[seg]
  }
  return cur
}

/**
 * A one-line scalar replaced by another: only the value's own characters change, so the key's
 * spacing and a comment after the value (`api_url: http://a # staging`) stay as they were.
 */
function inlineScalar(
  text: string,
  key: YamlNode,
  value: YamlNode | null,
  next: unknown,
): { start: number; end: number; text: string } | undefined {
  if (!isScalar(value) || !value.range || !key.range) return undefined
  if (typeof next !== 'string' && typeof next !== 'number' && typeof next !== 'boolean')
    return undefined
  const [start, end] = value.range
  // An empty value (`name:`) has no characters to replace: the line is written whole.
  if (start === end || text.slice(key.range[0], end).includes('\n')) return undefined
  const rendered = renderInline(next, false)
  return rendered.includes('\n') ? undefined : { start, end, text: rendered }
}

/**
 * A block value written over again keeps the comment on its key's line (`probe: # by hand`): yaml
 * renders the new value without it, so it is put back after the key.
 */
function withKeyLineComment(
  rendered: string,
  text: string,
  key: YamlNode,
  value: YamlNode | null,
): string {
  if (!key.range || !value?.range) return rendered
  const keyLineEnd = text.indexOf('\n', key.range[1])
  // Only when the old value starts below its key: the rest of the key's line is then the colon
  // and, maybe, the comment.
  if (keyLineEnd === -1 || value.range[0] < keyLineEnd) return rendered
  const comment = /^\s*:(\s+#.*)$/.exec(text.slice(key.range[1], keyLineEnd))?.[1]
  const firstLineEnd = rendered.indexOf('\n')
  if (!comment || firstLineEnd === -1 || !rendered.slice(0, firstLineEnd).endsWith(':'))
    return rendered
  return rendered.slice(0, firstLineEnd) + comment.trimEnd() + rendered.slice(firstLineEnd)
}
