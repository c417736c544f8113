import { basename, dirname, extname, isAbsolute, join, relative } from 'node:path'
import type { AuthoringState } from '../../shared/ipc-authoring'
import {
  buildAuthoringState,
  type LoadedCopy,
  type StateContext,
} from '../../shared/authoring/state'
import { authoringCatalog } from '../../shared/authoring/presets'
import {
  createWorkingCopy,
  loadWorkingCopy,
  type WorkingCopy,
} from '../../shared/authoring/working-copy'
import type { LoadedPlan } from '../../shared/plan/load'
import type { PresetCatalog } from '../../shared/presets/catalog'
import type { Plan, PlanInput } from '../../shared/plan/schema'
import { parse } from 'yaml'
import type { MergeResult } from '../../shared/plan/merge'
import { importChecklistFile, isPlanFile, loadPlanFile, readTextFile } from '../plans/plan-files'
import { builtinCatalog } from '../presets/preset-files'

export type SourceKind = AuthoringState['source']['kind']

/** A previewed update from a checklist, kept until it is applied or another preview replaces it. */
export interface PendingUpdate {
  token: string
  checklist: Plan
  checklistName: string
  merge: MergeResult
}

/**
 * Main's side of authoring: the working copy of the open plan, where it came from (the path and
 * the YAML text stay here; the window sees only the file's name), and where it was last saved.
 */
export class AuthoringSession {
  /** The YAML the plan was read from, edited in place on save; absent: written fresh. */
  sourceText: string | undefined
  savedHash: string
  /** Full path of the last save (main only; open-edited opens it). */
  savedFile: string | undefined
  update: PendingUpdate | undefined
  private updates = 0

  constructor(
    /** services.plan's file and hash when the copy was made: another plan means another copy. */
    private planKey: string,
    public copy: WorkingCopy,
    readonly file: string,
    public kind: SourceKind,
    readonly catalog: PresetCatalog,
    sourceText: string | undefined,
    savedHash: string,
    /** Var values main supplies beside the plan (the demo target's URL). */
    readonly varOverrides: Readonly<Record<string, string>>,
    readonly demo: boolean,
  ) {
    this.sourceText = sourceText
    this.savedHash = savedHash
  }

  get key(): string {
    return this.planKey
  }

  /** The open plan is now the saved file (same content): the copy stays with it. */
  rekey(key: string): void {
    this.planKey = key
  }

  /** The name errors and the window show for the source (never a directory). */
  get sourceName(): string {
    return basename(this.savedFile ?? this.file)
  }

  nextUpdateToken(): string {
    return `update-${++this.updates}`
  }

  load(copy: WorkingCopy = this.copy): LoadedCopy {
    const loaded = loadWorkingCopy(copy, this.sourceName, this.catalog)
    return loaded.ok ? { ok: true, plan: loaded.value.plan, hash: loaded.value.hash } : loaded
  }

  state(context: Omit<StateContext, 'source' | 'savedHash' | 'varOverrides'>): AuthoringState {
    return buildAuthoringState(this.copy, this.load(), {
      ...context,
      source: { name: this.sourceName, kind: this.kind },
      savedHash: this.savedHash,
      ...(this.savedFile !== undefined && { savedTo: basename(this.savedFile) }),
      varOverrides: this.varOverrides,
    })
  }

  /**
   * Where the save dialog starts: beside the last save or the source (a plan's relative files
   * then still resolve); a bundled template or text without a file has no folder of its own.
   */
  saveDirectory(): string | undefined {
    if (this.savedFile) return dirname(this.savedFile)
    return this.kind !== 'template' && isAbsolute(this.file) ? dirname(this.file) : undefined
  }

  /** The save dialog's suggestion: the plan's own file name, a checklist's stem + `.gonogo.yaml`. */
  defaultSaveName(): string {
    const name = this.sourceName
    const stem = name.slice(0, name.length - extname(name).length) || 'plan'
    return this.kind === 'checklist' ? `${stem}.gonogo.yaml` : `${stem}.yaml`
  }
}

export function sessionKey(plan: LoadedPlan): string {
  return `${plan.file}\n${plan.hash}`
}

/** What kind of source a loaded plan came from. */
export function sourceKind(file: string, resourcesDir: string, demo: boolean): SourceKind {
  const templates = join(resourcesDir, 'plans')
  const rel = relative(templates, file)
  if (demo || (isAbsolute(file) && !rel.startsWith('..') && !isAbsolute(rel))) return 'template'
  if (!isPlanFile(file)) return 'checklist'
  return extname(file).toLowerCase() === '.json' ? 'json' : 'yaml'
}

/**
 * A working copy of the open plan. The YAML it came from is kept for saving in place only when
 * it is a YAML file on disk that still loads to the open plan's hash (it may have changed since).
 */
export async function openAuthoring(
  plan: LoadedPlan,
  options: { resourcesDir: string; demo: boolean; varOverrides: Record<string, string> },
): Promise<AuthoringSession> {
  const kind = sourceKind(plan.file, options.resourcesDir, options.demo)
  const catalog = authoringCatalog(builtinCatalog(), plan.presets)
  let text: string | undefined
  let raw: PlanInput | undefined
  if ((kind === 'yaml' || kind === 'template') && isAbsolute(plan.file)) {
    const read = await readTextFile(plan.file)
    const reloaded = read.ok ? await loadPlanFile(plan.file) : undefined
    if (read.ok && reloaded?.ok && reloaded.value.hash === plan.hash) {
      text = read.text
      // The file's own JSON, unless it only loads to this plan once signers files are read.
      const written = parse(read.text) as PlanInput
      const same = loadWorkingCopy({ plan: written }, plan.file, catalog)
      if (same.ok && same.value.hash === plan.hash) raw = written
    }
  }
  if (kind === 'checklist' && isAbsolute(plan.file)) {
    // The plan the importer wrote, before defaults: a fresh save then reads like `gonogo import`.
    const imported = await importChecklistFile(plan.file)
    if (imported.ok && imported.yaml !== undefined) {
      const written = parse(imported.yaml) as PlanInput
      const same = loadWorkingCopy({ plan: written }, plan.file, catalog)
      if (same.ok && same.value.hash === plan.hash) raw = written
    }
  }
  return new AuthoringSession(
    sessionKey(plan),
    createWorkingCopy(plan.plan, plan.environment, raw),
    plan.file,
    kind,
    catalog,
    text,
    plan.hash,
    options.varOverrides,
    options.demo,
  )
}
