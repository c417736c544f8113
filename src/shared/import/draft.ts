import type { RootContent } from 'mdast'
import type { ColumnOverrides } from './columns'
import type { Ledger } from './ledger'
import { RoleList, type RoleDraft } from './roles'
import { IdAllocator, slugify } from './slug'
import type { InitialStatus } from './vocabulary'

export interface ItemDraft {
  id: string
  title: string
  owner?: string
  blocking: boolean
  notes?: string
  initial?: InitialStatus
  parent?: string
}

export interface PhaseDraft {
  id: string
  title: string
  notes: string[]
  items: ItemDraft[]
  /** Markdown lines of the heading and of the whole section, for the line map. */
  heading?: [number, number]
  extent?: [number, number]
  grouping: boolean
}

export interface ImportOptions extends ColumnOverrides {
  /** Source line ranges the user asked to import as items although the importer left them out. */
  include?: Array<{ from: number; to: number }>
}

/** Where the reader stands in the document. */
export interface Context {
  /** Where criteria and prose go: the enclosing phase, or null for the plan. */
  phase: PhaseDraft | null
  /** Words that made this part non-blocking ("Post-launch"), if any. */
  nonBlocking?: string
  signoff: boolean
}

/** What the list after a label ("Sign-off:", "Criteria:", "Tasks:") holds. */
export type ListMode = 'items' | 'criteria' | 'context' | 'roles'

type Positioned = { position?: { start: { line: number }; end: { line: number } } } | undefined

/**
 * The plan being drafted from a checklist, and the accounting of where every markdown line went
 * (the ledger behind --explain). The readers (sections, blocks, lists, tables) write into it.
 */
export class ImportDraft {
  readonly description: string[] = []
  readonly planNotes: string[] = []
  readonly phases: PhaseDraft[] = []
  /** Reasons tables were not read, for the "no checklist" message. */
  readonly unreadTables: string[] = []
  /** Colour dots the document's legend declares, and whether items marked with them block. */
  readonly legend = new Map<string, boolean>()
  readonly itemIds = new IdAllocator()
  private readonly phaseIds = new IdAllocator()
  private readonly roleList = new RoleList()
  /** The phase of what stands before the first heading; sign-off tables found anywhere go here. */
  readonly rootPhase: PhaseDraft

  constructor(
    readonly warnings: string[],
    readonly ledger: Ledger,
    readonly options: ImportOptions,
    /** A document without any task box may be a procedure of numbered step headings. */
    readonly stepsAllowed: boolean,
  ) {
    this.rootPhase = this.newPhase('Checklist', undefined)
  }

  get roles(): RoleDraft[] {
    return this.roleList.entries
  }

  addRole(text: string, person: string | undefined, line: number | undefined): void {
    const sourceLine = line !== undefined ? this.ledger.source(line, line)?.from : undefined
    this.roleList.add(text, person, sourceLine)
  }

  mark(node: Positioned, kind: Parameters<Ledger['mark']>[2], target: string): void {
    if (node?.position)
      this.ledger.mark(node.position.start.line, node.position.end.line, kind, target)
  }

  leaveOut(from: number | undefined, to: number | undefined, reason: string): void {
    this.ledger.leaveOut(from, to, reason)
  }

  /** Whether the user asked to import this markdown range although it would be left out. */
  forced(from: number | undefined, to: number | undefined): boolean {
    if (!this.options.include?.length || from === undefined) return false
    const range = this.ledger.source(from, to ?? from)
    return (
      range !== undefined &&
      this.options.include.some((r) => r.from <= range.to && r.to >= range.from)
    )
  }

  /**
   * Lines that are notes of where they stand: in a phase, its notes; at the top of the document,
   * the plan's notes (criteria, form fields) or its description (prose, context).
   */
  addNotes(
    lines: string[],
    node: RootContent,
    phase: PhaseDraft,
    isRoot: boolean,
    planPart: 'notes' | 'description',
  ): void {
    if (!isRoot) {
      phase.notes.push(...lines)
      this.mark(node, 'notes', `notes of phase ${phase.id}`)
    } else if (planPart === 'notes') {
      this.planNotes.push(...lines)
      this.mark(node, 'plan', 'plan notes')
    } else {
      this.description.push(...lines)
      this.mark(node, 'plan', 'plan description')
    }
  }

  newPhase(title: string, number: string | undefined, heading = title): PhaseDraft {
    const preferred =
      number && (number.includes('.') || /[A-Z]/i.test(number))
        ? number.toLowerCase()
        : slugify(title)
    const phase: PhaseDraft = {
      id: this.phaseIds.take(preferred, 'phase'),
      title: heading,
      notes: [],
      items: [],
      grouping: false,
    }
    this.phases.push(phase)
    return phase
  }
}
