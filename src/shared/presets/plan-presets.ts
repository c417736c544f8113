import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'

export interface PresetPathRef {
  path: string
  /** Where the plan names it, for errors about the file (missing, unreadable, invalid). */
  line?: number
  column?: number
  index: number
}

/**
 * The preset files a plan names under `presets:`, read before the plan is checked (its preset
 * probes are checked against them). Anything that is not a list of strings yields nothing here:
 * the plan's own validation reports it at its place.
 */
export function planPresetPaths(text: string): PresetPathRef[] {
  if (!text.includes('presets')) return []
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0 || !isMap(doc.contents)) return []
  const node = doc.contents.get('presets', true)
  if (!isSeq(node)) return []
  return node.items.flatMap((item, index) => {
    if (!isScalar(item) || typeof item.value !== 'string') return []
    const offset = item.range?.[0]
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset)
    return [{ path: item.value, index, ...(pos && { line: pos.line, column: pos.col }) }]
  })
}
