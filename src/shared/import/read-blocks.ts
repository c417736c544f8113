import type { RootContent } from 'mdast'
import { codeChecklist, isBadgeLine } from './blocks'
import type { Context, ImportDraft, ListMode, PhaseDraft } from './draft'
import { addItem } from './items'
import { fencedLines, inlineText, splitLeadingLabel } from './markdown-text'
import { readList } from './read-lists'
import { readTable } from './read-tables'
import { nonBlockingWords } from './tiers'
import { CONTEXT_LABEL, CRITERIA_LABEL, ITEM_LABEL, SIGNOFF_LABEL } from './vocabulary'

/**
 * The blocks under one heading, in order: a label paragraph ("Sign-off:", "Criteria:") decides
 * what the list after it holds; prose becomes notes.
 */
export function readBlocks(
  draft: ImportDraft,
  blocks: RootContent[],
  phase: PhaseDraft,
  ctx: Context,
  isRoot: boolean,
  initialMode?: ListMode,
): void {
  let mode: ListMode | undefined = initialMode
  let labelWords: string | undefined
  const notesTarget = isRoot ? 'plan description' : `notes of phase ${phase.id}`
  const addNote = (lines: string[], node: RootContent) =>
    draft.addNotes(lines, node, phase, isRoot, 'description')
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph': {
        if (isBadgeLine(block.children)) {
          draft.leaveOut(block.position?.start.line, block.position?.end.line, 'badges or images')
          break
        }
        const text = inlineText(block.children)
        const leading = splitLeadingLabel(block.children)
        if (text.endsWith(':') && text.length <= 160) {
          const label = text.slice(0, -1).replace(/[*_]/g, '').trim()
          labelWords = undefined
          if (SIGNOFF_LABEL.test(label)) {
            mode = 'roles'
            draft.mark(block, 'role', 'roles (sign-off list)')
          } else if (CRITERIA_LABEL.test(label)) {
            mode = 'criteria'
            draft.addNotes([`${label}:`], block, phase, isRoot, 'notes')
          } else if (CONTEXT_LABEL.test(label)) {
            mode = 'context'
            addNote([`${label}:`], block)
          } else {
            // "Tasks:", or a lead-in sentence ("After the fixes are merged, prepare the RC:").
            mode = initialMode === 'roles' ? 'roles' : 'items'
            labelWords = nonBlockingWords(label)
            if (ITEM_LABEL.test(label))
              draft.mark(block, 'phase', `phase ${phase.id} (label of its items)`)
            else addNote([text], block)
          }
          continue
        }
        if (mode === 'roles' && leading) {
          draft.addRole(leading.label, leading.rest, block.position?.start.line)
          draft.mark(block, 'role', `roles (${leading.label})`)
          continue
        }
        if (leading && CRITERIA_LABEL.test(leading.label)) {
          draft.addNotes([`${leading.label}: ${leading.rest}`], block, phase, isRoot, 'notes')
        } else {
          addNote([inlineText(block.children, true)], block)
        }
        mode = initialMode
        labelWords = undefined
        break
      }
      case 'list':
        readList(
          draft,
          block,
          mode ?? 'items',
          phase,
          { ...ctx, nonBlocking: ctx.nonBlocking ?? labelWords },
          isRoot,
        )
        mode = initialMode
        labelWords = undefined
        break
      case 'table':
        readTable(draft, block, phase, ctx)
        mode = initialMode
        break
      case 'blockquote':
        readBlocks(draft, block.children as RootContent[], phase, ctx, isRoot, mode)
        break
      case 'code': {
        const bullets = codeChecklist(block.value)
        if (bullets && !isRoot) {
          // A checklist someone fenced as code ("# Morning checks" then "- Review error logs").
          const startLine = (block.position?.start.line ?? 0) + 1
          for (const b of bullets) {
            const item = addItem(
              draft,
              phase,
              b.text,
              b.group ? [`Group: ${b.group}`] : [],
              ctx,
              {},
            )
            if (item)
              draft.ledger.mark(
                startLine + b.offset,
                startLine + b.offset,
                'item',
                `item ${item.id}`,
              )
          }
          draft.mark(block, 'notes', `notes of phase ${phase.id}`)
          phase.notes.push('The items below the fenced block were written as code.')
        } else addNote(fencedLines(block.lang, block.value), block)
        break
      }
      case 'html':
        if (/^\s*<!--[\s\S]*-->\s*$/.test(block.value))
          draft.mark(block, 'blank', 'an HTML comment')
        else draft.leaveOut(block.position?.start.line, block.position?.end.line, 'raw HTML')
        break
      case 'thematicBreak':
        draft.mark(block, 'blank', 'a separator line')
        break
      default:
        draft.mark(block, 'notes', notesTarget)
    }
  }
}
