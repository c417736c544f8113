import MarkdownIt from 'markdown-it'
import type Token from 'markdown-it/lib/token.mjs'
import type {
  BlockContent,
  ListItem,
  PhrasingContent,
  RootContent,
  TableCell,
  TableRow,
} from 'mdast'

/** Opening or closing line of fenced code. */
export const FENCE = /^\s{0,3}(```|~~~)/

/**
 * CommonMark with GFM tables and strikethrough. markdown-it rather than micromark: the importer
 * must read a 1 MiB checklist in well under a second, and micromark alone took over three.
 * No HTML rendering happens here; raw HTML is kept as text for the importer to ignore.
 */
const parser = new MarkdownIt('commonmark', { html: true }).enable(['table', 'strikethrough'])

/** GFM task list marker at the start of a list item's first paragraph. */
const TASK = /^\[([ xX])\][ \t]+/

/**
 * Parse Markdown into the mdast block nodes the importer reads (headings, paragraphs, lists with
 * GFM task items, tables, quotes, code, HTML), built from markdown-it's token stream.
 */
export function parseMarkdownBlocks(markdown: string): RootContent[] {
  const tokens = parser.parse(markdown, {})
  let at = 0

  /** Blocks until the closing token `close` (or the end). */
  const blocks = (close?: string): RootContent[] => {
    const out: RootContent[] = []
    while (at < tokens.length) {
      const token = tokens[at]!
      if (close && token.type === close) {
        at++
        return out
      }
      const block = blockAt(token)
      if (block) out.push(block)
    }
    return out
  }

  const blockAt = (token: Token): RootContent | undefined => {
    const block = blockNode(token)
    if (block && token.map) block.position = position(token.map)
    return block
  }

  const blockNode = (token: Token): RootContent | undefined => {
    switch (token.type) {
      case 'heading_open': {
        const inline = tokens[at + 1]
        at += 3
        return {
          type: 'heading',
          depth: Number(token.tag.slice(1)) as 1 | 2 | 3 | 4 | 5 | 6,
          children: phrasing(inline?.children ?? []),
        }
      }
      case 'paragraph_open': {
        const inline = tokens[at + 1]
        at += 3
        return { type: 'paragraph', children: phrasing(inline?.children ?? []) }
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open'
        const close = ordered ? 'ordered_list_close' : 'bullet_list_close'
        at++
        const items: ListItem[] = []
        while (at < tokens.length && tokens[at]!.type !== close) {
          if (tokens[at]!.type !== 'list_item_open') {
            at++
            continue
          }
          const map = tokens[at]!.map
          at++
          const item = listItem(blocks('list_item_close') as BlockContent[])
          if (map) item.position = position(map)
          items.push(item)
        }
        at++
        return { type: 'list', ordered, spread: false, children: items }
      }
      case 'blockquote_open':
        at++
        return { type: 'blockquote', children: blocks('blockquote_close') as BlockContent[] }
      case 'table_open':
        at++
        return table()
      case 'fence':
      case 'code_block':
        at++
        return {
          type: 'code',
          lang: token.info.trim().split(/\s+/)[0] || null,
          value: token.content.replace(/\n$/, ''),
        }
      case 'html_block':
        at++
        return { type: 'html', value: token.content.replace(/\n$/, '') }
      case 'hr':
        at++
        return { type: 'thematicBreak' }
      default:
        at++
        return undefined
    }
  }

  /** GFM: a list item whose paragraph starts with `[ ]` or `[x]` is a task, checked or not. */
  const listItem = (children: BlockContent[]): ListItem => {
    const first = children[0]
    const head = first?.type === 'paragraph' ? first.children[0] : undefined
    const task = head?.type === 'text' ? TASK.exec(head.value) : null
    if (!task || !head || head.type !== 'text')
      return { type: 'listItem', spread: false, checked: null, children }
    head.value = head.value.slice(task[0].length)
    return { type: 'listItem', spread: false, checked: task[1] !== ' ', children }
  }

  const table = (): RootContent => {
    const rows: TableRow[] = []
    let cells: TableCell[] = []
    let map: [number, number] | null = null
    while (at < tokens.length && tokens[at]!.type !== 'table_close') {
      const token = tokens[at]!
      if (token.type === 'tr_open') {
        cells = []
        map = token.map
      } else if (token.type === 'tr_close')
        rows.push({
          type: 'tableRow',
          children: cells,
          ...(map ? { position: position(map) } : {}),
        })
      else if (token.type === 'inline')
        cells.push({ type: 'tableCell', children: phrasing(token.children ?? []) })
      at++
    }
    at++
    return { type: 'table', children: rows }
  }

  return blocks()
}

/** markdown-it's 0-based [start, end) line range as an mdast position (1-based, inclusive). */
function position(map: [number, number]): NonNullable<RootContent['position']> {
  return {
    start: { line: map[0] + 1, column: 1 },
    end: { line: Math.max(map[0] + 1, map[1]), column: 1 },
  }
}

/** Inline tokens as mdast phrasing content (soft breaks become newlines in text, as in mdast). */
function phrasing(tokens: readonly Token[]): PhrasingContent[] {
  let at = 0
  const until = (close?: string): PhrasingContent[] => {
    const out: PhrasingContent[] = []
    const text = (value: string) => {
      const last = out[out.length - 1]
      if (last?.type === 'text') last.value += value
      else out.push({ type: 'text', value })
    }
    while (at < tokens.length) {
      const token = tokens[at++]!
      switch (token.type) {
        case close:
          return out
        case 'text':
          text(token.content)
          break
        case 'softbreak':
          text('\n')
          break
        case 'hardbreak':
          out.push({ type: 'break' })
          break
        case 'code_inline':
          out.push({ type: 'inlineCode', value: token.content })
          break
        case 'html_inline':
          out.push({ type: 'html', value: token.content })
          break
        case 'strong_open':
          out.push({ type: 'strong', children: until('strong_close') })
          break
        case 'em_open':
          out.push({ type: 'emphasis', children: until('em_close') })
          break
        case 's_open':
          out.push({ type: 'delete', children: until('s_close') })
          break
        case 'link_open':
          out.push({
            type: 'link',
            url: String(token.attrGet('href') ?? ''),
            children: until('link_close'),
          })
          break
        case 'image':
          out.push({ type: 'image', url: String(token.attrGet('src') ?? ''), alt: token.content })
          break
        default:
          if (token.content) text(token.content)
      }
    }
    return out
  }
  return until()
}
