import type { Nodes, PhrasingContent, TableRow } from 'mdast'

/** Plain text of inline Markdown, the way a reader sees it (no markup, links as their text). */
export function inlineText(nodes: readonly Nodes[] | undefined, keepLines = false): string {
  if (!nodes) return ''
  const text = nodes.length === 1 && nodes[0] ? nodeText(nodes[0]) : nodes.map(nodeText).join('')
  if (!keepLines) return collapseSpaces(text)
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
}

/** Whitespace that `collapseSpaces` would change: at either end, doubled, or not a plain space. */
const MESSY_SPACE = /^\s|\s$|\s\s|[^\S ]/

/** Runs of whitespace as one space, trimmed; most titles already are, and are returned as they are. */
function collapseSpaces(text: string): string {
  return MESSY_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text
}

function nodeText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value
    case 'break':
      return ' '
    case 'image':
      return node.alt ?? ''
    case 'html':
    case 'footnoteReference':
      return ''
    default:
      return 'children' in node ? (node.children as Nodes[]).map(nodeText).join('') : ''
  }
}

/** A paragraph written as `**Label:** value` (or `Label: value`): the label and the rest. */
export function splitLeadingLabel(
  children: readonly PhrasingContent[],
): { label: string; rest: string } | undefined {
  const first = children[0]
  if (first && (first.type === 'strong' || first.type === 'emphasis')) {
    const label = inlineText(first.children)
    const rest = inlineText(children.slice(1))
    if (label.endsWith(':')) return { label: label.slice(0, -1).trim(), rest: rest.trim() }
    if (rest.startsWith(':')) return { label, rest: rest.slice(1).trim() }
  }
  if (first?.type === 'text') {
    const m = /^([A-Z][\w /&-]{0,40}):\s+(\S[\s\S]*)$/.exec(inlineText(children))
    if (m) return { label: (m[1] ?? '').trim(), rest: (m[2] ?? '').trim() }
  }
  return undefined
}

export function cellTexts(row: TableRow): string[] {
  return row.children.map((cell) => inlineText(cell.children))
}

/** Fenced code as note lines, so code stays code when the plan shows it. */
export function fencedLines(lang: string | null | undefined, value: string, indent = ''): string[] {
  const fence = value.includes('```') ? '~~~' : '```'
  return [
    `${indent}${fence}${lang ?? ''}`,
    ...value.split('\n').map((l) => indent + l),
    indent + fence,
  ]
}
