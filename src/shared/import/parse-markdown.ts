import type { RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'

/** Opening or closing line of fenced code. */
export const FENCE = /^\s{0,3}(```|~~~)/
const ATX_HEADING = /^#{1,6}(\s|$)/

/**
 * Parse GFM section by section. A heading at the left margin closes every open block (lists,
 * paragraphs, quotes), so splitting before such headings — outside fenced code — yields the same
 * tree, while micromark's cost on long nested lists stays bounded by the size of one section
 * instead of growing with the whole document.
 */
export function parseMarkdownBlocks(markdown: string): RootContent[] {
  const chunks: string[] = []
  let current: string[] = []
  let inFence = false
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence
    if (!inFence && ATX_HEADING.test(line) && current.length > 0) {
      chunks.push(current.join('\n'))
      current = []
    }
    current.push(line)
  }
  chunks.push(current.join('\n'))
  const options = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }
  return chunks.flatMap((chunk) => fromMarkdown(chunk, options).children)
}
