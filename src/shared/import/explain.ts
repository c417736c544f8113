import type { ImportMap } from './ledger'

/**
 * The line map as text, one source line per row: "  12  - [ ] Tag the release  →  item tag-the-release".
 * Blank lines are listed too, so a reader can check that every line of the file is there.
 */
export function formatExplain(map: ImportMap, sourceText: string): string {
  const source = sourceText
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
  const width = String(map.lines.length).length
  const rows = map.lines.map((e) => {
    const text = (source[e.line - 1] ?? '').replace(/\t/g, ' ').trimEnd()
    const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text
    return `${String(e.line).padStart(width)}  ${shown.padEnd(60)}  →  ${e.to}`
  })
  const { phases, items, roles } = map.counts
  const summary = `${phases} phase(s), ${items} item(s), ${roles} role(s); ${map.leftOut.length} block(s) left out`
  return (
    [
      ...rows,
      '',
      summary,
      ...map.leftOut.map((b) => `  left out lines ${b.from}–${b.to}: ${b.reason}`),
    ].join('\n') + '\n'
  )
}
