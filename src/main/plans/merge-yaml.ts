import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  stringify,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml'
import type { SourceError } from '../../shared/plan/errors'
import type { MergeKey, MergeStep } from '../../shared/plan/merge'

/**
 * Apply merge steps to a plan's YAML text so that the file changes only where a step says: the
 * document is parsed with yaml's Document API to find each node's source range, and each step
 * becomes a splice of that range (new nodes rendered by yaml and indented like their siblings).
 * Everything else — comments, blank lines, key order, quoting, folded text — stays byte for byte.
 * Re-rendering the whole document would reflow folded scalars and respace flow collections.
 */

/** Where a new key goes in an item: after the keys that come before it in the schema's order. */
const ITEM_KEY_ORDER = [
  'id',
  'title',
  'owner',
  'blocking',
  'notes',
  'freshness',
  'initial',
  'probe',
  'canary',
]

interface Splice {
  start: number
  end: number
  text: string
  /** Document order of splices at the same place. */
  order: number
}

export type MergeYamlResult = { ok: true; text: string } | { ok: false; errors: SourceError[] }

export function applyMergeSteps(
  text: string,
  file: string,
  steps: readonly MergeStep[],
): MergeYamlResult {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })
  const problems: SourceError[] = []
  const refuse = (node: YamlNode | null | undefined, path: string, message: string) => {
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : undefined
    problems.push({
      file,
      ...(pos && { line: pos.line, column: pos.col }),
      path,
      message,
    })
  }
  const root = doc.contents
  const phases = isMap(root) ? root.get('phases', true) : undefined
  if (!isSeq(phases) || phases.flow) {
    refuse(
      phases as YamlNode | undefined,
      'phases',
      'expected phases as a block list to merge into',
    )
    return { ok: false, errors: problems }
  }
  const phaseSeq = phases as YAMLSeq<YAMLMap>
  const splices: Splice[] = []
  let order = 0
  const splice = (start: number, end: number, insert: string) =>
    splices.push({ start, end, text: insert, order: order++ })

  const phaseAt = (p: number) => phaseSeq.items[p]!
  const itemsOf = (p: number) => phaseAt(p).get('items', true) as unknown as YAMLSeq<YAMLMap>
  const itemAt = (p: number, i: number) => itemsOf(p).items[i]!
  const seqIndent = (seq: YAMLSeq, fallbackOwner: YAMLMap) => {
    const first = seq.items[0] as YamlNode | undefined
    if (first?.range) return dashColumn(text, first.range[0])
    return keyColumn(text, fallbackOwner) + 2
  }

  for (const step of steps) {
    switch (step.op) {
      case 'rename-phase':
        setScalar(phaseAt(step.phase), 'title', step.title, `phases[${step.phase}].title`)
        break
      case 'set':
        setScalar(
          itemAt(step.phase, step.item),
          step.key,
          step.value,
          `phases[${step.phase}].items[${step.item}].${step.key}`,
        )
        break
      case 'unset': {
        const item = itemAt(step.phase, step.item)
        const pair = pairOf(item, step.key)
        if (!pair) break
        if (item.flow) {
          refuse(item, `phases[${step.phase}].items[${step.item}]`, FLOW_MESSAGE)
          break
        }
        const key = pair.key as YamlNode
        const value = pair.value as YamlNode
        const lines = entryLines(text, key.range![0], value.range![1])
        splice(lines.start, lines.end, '')
        break
      }
      case 'remove-item': {
        const items = itemsOf(step.phase)
        const item = itemAt(step.phase, step.item)
        if (items.flow) {
          refuse(items, `phases[${step.phase}].items`, FLOW_MESSAGE)
          break
        }
        const lines = entryLines(text, item.range![0], item.range![1])
        splice(lines.start, lines.end, '')
        break
      }
      case 'remove-phase': {
        const phase = phaseAt(step.phase)
        const lines = entryLines(text, phase.range![0], phase.range![1])
        splice(lines.start, lines.end, '')
        break
      }
      case 'add-items': {
        const phase = phaseAt(step.phase)
        const items = phase.get('items', true) as YamlNode | undefined
        const rendered = (indent: number) => indentBlock(stringify(step.items, STRINGIFY), indent)
        if (isSeq(items) && !items.flow && items.items.length > 0) {
          const indent = seqIndent(items, phase)
          const at =
            step.after === null
              ? lineStart(text, (items.items[0] as YamlNode).range![0])
              : lineEnd(text, (items.items[step.after] as YamlNode).range![1])
          splice(at, at, rendered(indent))
        } else if (isSeq(items) && items.items.length === 0 && items.range) {
          // `items: []` becomes a block list, from just after the key's colon.
          const indent = keyColumn(text, phase) + 2
          const key = pairOf(phase, 'items')?.key as YamlNode | undefined
          const colon = text.indexOf(':', key?.range?.[1] ?? items.range[0]) + 1
          const start = colon > 0 && colon <= items.range[0] ? colon : items.range[0]
          splice(start, items.range[1], '\n' + rendered(indent).replace(/\n$/, ''))
        } else {
          refuse(items ?? phase, `phases[${step.phase}].items`, FLOW_MESSAGE)
        }
        break
      }
      case 'declare': {
        if (Object.keys(step.entries).length === 0) break
        const top = root as YAMLMap
        const pair = pairOf(top, step.section)
        const section = pair?.value as YamlNode | null | undefined
        const indent = keyColumn(text, top)
        if (isMap(section) && !section.flow && section.items.length > 0) {
          // After the last entry, indented like the first.
          const rendered = indentBlock(stringify(step.entries, STRINGIFY), keyColumn(text, section))
          splice(lineEnd(text, section.range![1]), lineEnd(text, section.range![1]), rendered)
        } else if (
          pair &&
          section != null &&
          !(isMap(section) && section.items.length === 0) &&
          !(isScalar(section) && section.value === null)
        ) {
          refuse(section, step.section, `expected ${step.section} as a block map to add to`)
        } else {
          // No section, or an empty one (`vars: {}`, `vars:`): the whole section before `phases:`.
          const block = indentBlock(stringify({ [step.section]: step.entries }, STRINGIFY), indent)
          if (pair) {
            const key = pair.key as YamlNode
            const end = section?.range ? section.range[1] : key.range![1]
            splice(lineStart(text, key.range![0]), lineEnd(text, end), block)
          } else {
            const at = lineStart(text, (pairOf(top, 'phases')!.key as YamlNode).range![0])
            splice(at, at, block)
          }
        }
        break
      }
      case 'add-phase': {
        const anchor = step.before === null ? undefined : phaseAt(step.before)
        const indent = seqIndent(phaseSeq, root as YAMLMap)
        const block = indentBlock(stringify([step.phase], STRINGIFY), indent)
        const last = phaseSeq.items[phaseSeq.items.length - 1]!
        const at = anchor ? lineStart(text, anchor.range![0]) : lineEnd(text, last.range![1])
        splice(at, at, block)
        break
      }
    }
  }
  if (problems.length > 0) return { ok: false, errors: problems }

  splices.sort((a, b) => b.start - a.start || b.order - a.order)
  let out = text
  let limit = Infinity
  for (const s of splices) {
    if (s.end > limit) {
      refuse(undefined, '', 'internal error: overlapping edits; the plan was not changed')
      return { ok: false, errors: problems }
    }
    out = out.slice(0, s.start) + s.text + out.slice(s.end)
    limit = s.start
  }
  return { ok: true, text: out }

  /** Replace a key's scalar value in place, or add the key after the ones before it. */
  function setScalar(map: YAMLMap, key: MergeKey | 'title', value: string, path: string): void {
    const pair = pairOf(map, key)
    if (pair && isScalar(pair.value) && pair.value.range) {
      const [start, end] = pair.value.range
      const multiLine = text.slice(start, end).includes('\n') || value.includes('\n')
      // An empty value (`owner:`) has no characters to replace in place.
      const empty = start === end
      if (empty && map.flow) {
        refuse(map, path, `${FLOW_MESSAGE} (the file has no value here to replace)`)
        return
      }
      if (!multiLine && !empty) {
        splice(start, end, renderInline(value, map.flow === true))
        return
      }
      // A block scalar (notes: |), or an empty value, is replaced whole, key and all.
      const keyNode = pair.key as YamlNode
      splice(
        lineStart(text, keyNode.range![0]),
        lineEnd(text, end),
        indentBlock(stringify({ [key]: value }, STRINGIFY), keyColumn(text, map)),
      )
      return
    }
    if (pair || map.flow) {
      refuse(map, path, pair ? 'expected text here' : FLOW_MESSAGE)
      return
    }
    const rank = ITEM_KEY_ORDER.indexOf(key)
    const next = map.items.find((p) => ITEM_KEY_ORDER.indexOf(String(keyName(p))) > rank)
    const line = indentBlock(stringify({ [key]: value }, STRINGIFY), keyColumn(text, map))
    const at = next
      ? lineStart(text, (next.key as YamlNode).range![0])
      : lineEnd(text, map.range![1])
    splice(at, at, line)
  }
}

export const STRINGIFY = { lineWidth: 0 } as const
const FLOW_MESSAGE =
  'written in flow style ({…} or […]); write it as a block to let import --into change it'

function keyName(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key
}

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyName(p) === key)
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

/**
 * The lines of the entry from offset `from` (its key, or its first key after a dash) to `to` (the
 * end of its value), with the comments that are its own: comment lines directly above it at its
 * indentation (yaml reads them as the entry's `commentBefore`, and the Document API drops them
 * with it) and comment lines below it indented deeper (written inside it). A comment set apart by
 * a blank line, or at a sibling's indentation below, stays.
 */
export function entryLines(text: string, from: number, to: number): { start: number; end: number } {
  const first = lineStart(text, from)
  let indentEnd = first
  while (text[indentEnd] === ' ' || text[indentEnd] === '\t') indentEnd++
  const indent = text.slice(first, indentEnd)
  let start = first
  while (start > 0) {
    const above = lineStart(text, start - 1)
    if (!text.slice(above, start - 1).startsWith(`${indent}#`)) break
    start = above
  }
  let end = lineEnd(text, to)
  while (end < text.length) {
    const next = text.indexOf('\n', end)
    const line = text.slice(end, next === -1 ? text.length : next)
    const deeper = /^([ \t]*)#/.exec(line)
    if (!deeper || (deeper[1] ?? '').length <= indent.length) break
    end = next === -1 ? text.length : next + 1
  }
  return { start, end }
}

/** The start of the line after `offset` (or `offset` itself when it already starts a line). */
export function lineEnd(text: string, offset: number): number {
  if (offset === 0 || text[offset - 1] === '\n') return offset
  const nl = text.indexOf('\n', offset)
  return nl === -1 ? text.length : nl + 1
}

/** Column of the "-" that introduces the list item whose node starts at `offset`. */
function dashColumn(text: string, offset: number): number {
  const start = lineStart(text, offset)
  const dash = text.lastIndexOf('-', offset - 1)
  return dash >= start ? dash - start : offset - start
}

export function keyColumn(text: string, map: YAMLMap): number {
  const first = map.items[0]?.key as YamlNode | undefined
  const at = first?.range?.[0] ?? map.range?.[0] ?? 0
  return at - lineStart(text, at)
}

/** A block rendered at column 0, moved to `indent`; blank lines stay blank. */
export function indentBlock(block: string, indent: number): string {
  const pad = ' '.repeat(indent)
  const body = block.endsWith('\n') ? block : block + '\n'
  return body
    .split('\n')
    .map((line, i, all) => (line === '' && i === all.length - 1 ? '' : line ? pad + line : ''))
    .join('\n')
}

/** One-line text as a scalar: plain when yaml would write it plain, quoted otherwise. */
export function renderInline(value: string | number | boolean, flow: boolean): string {
  const plain = stringify(value, STRINGIFY).replace(/\n$/, '')
  if (flow && /[,[\]{}]/.test(plain) && !/^["']/.test(plain)) return JSON.stringify(value)
  return plain
}
