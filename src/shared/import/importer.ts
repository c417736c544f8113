import type { Section } from './blocks'
import { ImportDraft, type Context } from './draft'
import { readBlocks } from './read-blocks'
import { readSection } from './read-sections'

export type { Section } from './blocks'
export type { ImportOptions, ItemDraft, PhaseDraft } from './draft'

/** Reads a parsed checklist into a draft plan: its top blocks, then each section in turn. */
export class Importer extends ImportDraft {
  /** Returns the document title, if it has one. */
  run(root: Section): string | undefined {
    if (root.node) this.mark(root.node, 'plan', 'plan name')
    const ctx: Context = { phase: null, signoff: false }
    readBlocks(this, root.blocks, this.rootPhase, ctx, true)
    for (const child of root.children) readSection(this, child, ctx, this.rootPhase)
    return root.heading || undefined
  }
}
