import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import type { Node as YamlNode } from 'yaml'
import type { PathSegment, SourceError } from './errors'

/** Where a path of the parsed value sits in the file (its key, or its value). */
export type Locate = (
  path: readonly PathSegment[],
  key?: boolean,
) => { line?: number; column?: number }

export type YamlSource =
  { ok: true; raw: unknown; locate: Locate } | { ok: false; errors: SourceError[] }

/**
 * Parse a YAML (or JSON) file keeping positions, for plans and preset files alike: syntax errors
 * at their line and column, an empty file named as such, and a locator that turns a schema
 * issue's path into file:line:column.
 */
export function readYamlSource(text: string, file: string, expected: string): YamlSource {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset)
    return { line: p.line, column: p.col }
  }
  if (doc.errors.length > 0)
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        file,
        ...at(e.pos[0]),
        path: '',
        message: yamlMessage(e.code, e.message),
      })),
    }
  let raw: unknown
  try {
    raw = doc.toJS({ maxAliasCount: 1000 })
  } catch (e) {
    return {
      ok: false,
      errors: [{ file, path: '', message: e instanceof Error ? e.message : String(e) }],
    }
  }
  if (raw === null || raw === undefined)
    return {
      ok: false,
      errors: [{ file, path: '', message: `the file is empty: expected ${expected}` }],
    }
  const locate: Locate = (path, key) => {
    const offset = rangeOf(doc.contents, path, key ?? false)
    return offset === undefined ? {} : at(offset)
  }
  return { ok: true, raw, locate }
}

export function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY')
    return `duplicate key: ${message.replace(/^Map keys must be unique;?\s*/i, '') || 'map keys must be unique'}`
  return message.split('\n')[0] ?? message
}

/** Offset of the node at `path` (or of its key), falling back to the nearest existing ancestor. */
export function rangeOf(
  root: unknown,
  path: readonly PathSegment[],
  key: boolean,
): number | undefined {
  let node: unknown = root
  let best = isNode(root) ? (root as YamlNode).range?.[0] : undefined
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]
    const last = i === path.length - 1
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      )
      if (!pair) return best
      const keyNode = pair.key as YamlNode
      if (last && key) return keyNode.range?.[0] ?? best
      node = pair.value
      best = isNode(node) ? ((node as YamlNode).range?.[0] ?? best) : (keyNode.range?.[0] ?? best)
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg]
      if (!isNode(node)) return best
      best = (node as YamlNode).range?.[0] ?? best
    } else {
      return best
    }
  }
  return best
}
