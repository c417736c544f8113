import { z } from 'zod'
import { CredentialKindSchema, CredentialNameSchema } from './credentials'
import { EnvironmentNameSchema, IdSchema, VarNameSchema } from './plan/schema'
import { PARAM_TYPES } from './presets/format'

/**
 * The authoring part of the IPC contract (spread into `invokeChannels` in ipc.ts): drafted checks,
 * editing an item's probe, vars per environment, trying a probe once, saving the plan and updating
 * it from its checklist. Main holds the working copy of the plan being edited; the window only
 * ever sends edits and gets the whole authoring state back. There is no generic file or fetch
 * channel: saving goes through main's native save dialog, Try runs only probes of the open plan.
 */

/** JSON as a plan file holds it (a probe or canary definition before defaults are filled in). */
const JsonObjectSchema = z.record(z.string(), z.json())

/** Where an edit is wrong: a path inside the probe (`expect[1]`, `request.url`) and why. */
export const FieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  /** For a CEL condition: 0-based offset of the problem in the expression. */
  offset: z.number().int().optional(),
})

/** Something the user must still provide before a drafted or edited probe can run. */
export const MissingSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('var'), name: z.string(), description: z.string() }),
  z.object({
    type: z.literal('credential'),
    name: z.string(),
    kind: CredentialKindSchema,
    help: z.string(),
  }),
])

/** One drafted check for an item (see src/shared/draft/types.ts `Draft`). */
export const DraftViewSchema = z.object({
  /** The rule that drafted it: a probe kind, `canary`, or `preset:<id>`. */
  rule: z.string(),
  probe: JsonObjectSchema.optional(),
  canary: JsonObjectSchema.optional(),
  /** The words of the item that decided it. */
  because: z.string(),
  confidence: z.number().min(0).max(1),
  missing: z.array(MissingSchema),
  /** A flow joined from consecutive items: the ids it covers, this one first. */
  covers: z.array(z.string()).optional(),
  every: z.string().optional(),
  notes: z.string().optional(),
})
export type DraftView = z.infer<typeof DraftViewSchema>

export const SUGGESTION_DECISIONS = ['pending', 'accepted', 'rejected'] as const

/** An item of the plan being edited, with its check and what it still needs. */
export const AuthoringItemSchema = z.object({
  id: z.string(),
  phase: z.string(),
  title: z.string(),
  notes: z.string().optional(),
  blocking: z.boolean(),
  probe: JsonObjectSchema.optional(),
  canary: JsonObjectSchema.optional(),
  /**
   * `none`: no probe or canary (a manual item); `draft`: has one, but vars or credentials it needs
   * are missing (it cannot run yet); `ready`: it can run.
   */
  check: z.enum(['none', 'draft', 'ready']),
  missing: z.array(MissingSchema),
  /** Changed in the window since the plan was opened or last saved. */
  edited: z.boolean(),
  /** Drafts for an item that had no check when the plan was opened, best first. */
  suggestion: z
    .object({
      decision: z.enum(SUGGESTION_DECISIONS),
      /** Which draft was accepted (index into `drafts`). */
      accepted: z.number().int().min(0).optional(),
      drafts: z.array(DraftViewSchema),
    })
    .optional(),
})
export type AuthoringItem = z.infer<typeof AuthoringItemSchema>

export const AuthoringVarSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  default: z.string().optional(),
  /** Value per environment (only those that set one). */
  values: z.record(z.string(), z.string()),
  /** Some probe of the plan uses it. */
  used: z.boolean(),
})

export const AuthoringCredentialSchema = z.object({
  name: z.string(),
  kind: CredentialKindSchema,
  help: z.string().optional(),
  set: z.boolean(),
  source: z.enum(['keychain', 'environment']).optional(),
  /** Items whose probes use it. */
  usedBy: z.array(z.string()),
})

/** The whole authoring state: every authoring channel that changes something answers with it. */
export const AuthoringStateSchema = z.object({
  planName: z.string(),
  /** What the working copy came from: its file name (no directory) and kind. */
  source: z.object({
    name: z.string(),
    kind: z.enum(['yaml', 'json', 'checklist', 'template']),
  }),
  /** Plan hash of the working copy as it would be saved (what the header shows). */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Hash of the plan as last opened or saved. */
  savedHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The working copy differs from what was opened or last saved. */
  dirty: z.boolean(),
  /** Where the last save went (shown to the user; main never takes a path back). */
  savedTo: z.string().optional(),
  environments: z.array(z.string()),
  /** The environment vars are shown and tried in. */
  environment: z.string().optional(),
  items: z.array(AuthoringItemSchema),
  vars: z.array(AuthoringVarSchema),
  credentials: z.array(AuthoringCredentialSchema),
  /** Problems of the working copy as a whole (an undeclared var, a dangling reference). */
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  /**
   * A session is open on a plan whose hash differs from the working copy: it keeps running on
   * its plan, and the window offers to start a new session on the edited one.
   */
  sessionOnOtherPlan: z.boolean(),
})
export type AuthoringState = z.infer<typeof AuthoringStateSchema>

const StateResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), state: AuthoringStateSchema }),
  z.object({ ok: z.literal(false), message: z.string(), errors: z.array(FieldErrorSchema) }),
])

/** A preset as the probe editor's picker shows it. */
export const PresetInfoSchema = z.object({
  id: z.string(),
  provider: z.string(),
  title: z.string(),
  help: z.string(),
  permission: z.string(),
  credentialKinds: z.array(CredentialKindSchema),
  builtin: z.boolean(),
  params: z.array(
    z.object({
      name: z.string(),
      type: z.enum(PARAM_TYPES),
      required: z.boolean(),
      description: z.string(),
      default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
      values: z.array(z.string()).optional(),
      pattern: z.string().optional(),
    }),
  ),
})
export type PresetInfo = z.infer<typeof PresetInfoSchema>

/** What Try saw: the result, the evidence, and the names the last response offers to conditions. */
export const TryResultSchema = z.object({
  item: z.string(),
  status: z.enum(['pass', 'fail']),
  reason: z.string().optional(),
  durationMs: z.number(),
  conditions: z.array(
    z.object({ expression: z.string(), pass: z.boolean(), actual: z.string().optional() }),
  ),
  /** Redacted evidence as the item drawer shows it (requests, statuses, excerpts, timings). */
  evidence: z.looseObject({ kind: z.string() }),
  /**
   * Context names for condition autocompletion from this response: `status`, `body.data.id`,
   * `headers.content-type`… (names only, never values).
   */
  completions: z.array(z.string().max(200)).max(500),
})
export type TryResult = z.infer<typeof TryResultSchema>

const ItemIdSchema = IdSchema
/** A probe or canary as the editor sends it; main validates it against the plan schema. */
const ProbeEditSchema = JsonObjectSchema.refine((o) => JSON.stringify(o).length <= 256 * 1024, {
  message: 'probe is larger than 256 KiB',
})
const ChecklistSourceSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('dialog') }),
  z.strictObject({
    source: z.literal('text'),
    name: z.string().min(1).max(255),
    text: z.string().max(5 * 1024 * 1024),
  }),
])

/** How updating the plan from its checklist would change it (src/shared/plan/merge.ts). */
export const UpdatePreviewSchema = z.object({
  /** A handle for `authoring:update-apply`; valid until the next preview. */
  token: z.string().regex(/^update-[0-9]+$/),
  checklist: z.string(),
  added: z.array(z.object({ id: z.string(), phase: z.string(), title: z.string() })),
  changed: z.array(
    z.object({ id: z.string(), field: z.string(), from: z.string(), to: z.string() }),
  ),
  /** In the plan, not in the checklist: kept unless `prune`. */
  removed: z.array(z.object({ id: z.string(), title: z.string(), hasCheck: z.boolean() })),
  /** One line per change, as `import --into` prints it. */
  summary: z.array(z.string()),
})

export const authoringChannels = {
  'authoring:state': {
    method: 'authoringState',
    /** The working copy of the open plan (created from it on first use), with drafts for items without a check. */
    request: z.strictObject({}),
    response: StateResponseSchema,
  },
  'authoring:decide': {
    method: 'decideSuggestions',
    /** Accept (a draft by index), reject, or reset drafted checks; several items at once. */
    request: z.strictObject({
      decisions: z
        .array(
          z.strictObject({
            item: ItemIdSchema,
            decision: z.enum(SUGGESTION_DECISIONS),
            draft: z.number().int().min(0).max(50).optional(),
          }),
        )
        .min(1)
        .max(1000),
    }),
    response: StateResponseSchema,
  },
  'authoring:set-check': {
    method: 'setItemCheck',
    /**
     * Set an item's probe or canary (or remove both with `null`s). Validated against the plan
     * schema and the presets; an invalid one comes back as field errors and changes nothing.
     */
    request: z.strictObject({
      item: ItemIdSchema,
      probe: ProbeEditSchema.nullable().optional(),
      canary: ProbeEditSchema.nullable().optional(),
    }),
    response: StateResponseSchema,
  },
  'authoring:set-var': {
    method: 'setPlanVar',
    /**
     * Declare or change a var: its default (no `environment`) or its value in one environment;
     * `value: null` removes that value. `description` updates the declaration.
     */
    request: z.strictObject({
      name: VarNameSchema,
      environment: EnvironmentNameSchema.optional(),
      value: z.string().max(4096).nullable(),
      description: z.string().max(2000).optional(),
    }),
    response: StateResponseSchema,
  },
  'authoring:set-environment': {
    method: 'setAuthoringEnvironment',
    /** The environment the panel shows and Try uses (one the plan declares). */
    request: z.strictObject({ environment: EnvironmentNameSchema }),
    response: StateResponseSchema,
  },
  'authoring:declare-credential': {
    method: 'declarePlanCredential',
    /** Declare a credential the plan's probes name (never a value: values go to credentials:set). */
    request: z.strictObject({
      name: CredentialNameSchema,
      kind: CredentialKindSchema,
      help: z.string().max(2000).optional(),
    }),
    response: StateResponseSchema,
  },
  'authoring:presets': {
    method: 'listPresets',
    /** Every preset the open plan may name (built-in and the plan's own), for the picker. */
    request: z.strictObject({}),
    response: z.object({ presets: z.array(PresetInfoSchema) }),
  },
  'authoring:try': {
    method: 'tryProbe',
    /**
     * Run one item's probe once against its target, with the working copy's vars in the chosen
     * environment, the same deadlines, limits and redaction as a run; nothing is written to a
     * session. `probe` tries an unsaved edit of that item (validated like authoring:set-check).
     */
    request: z.strictObject({ item: ItemIdSchema, probe: ProbeEditSchema.optional() }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), result: TryResultSchema }),
      z.object({ ok: z.literal(false), message: z.string(), errors: z.array(FieldErrorSchema) }),
    ]),
  },
  'authoring:save': {
    method: 'savePlan',
    /**
     * Write the working copy as YAML where the user chooses (native save dialog in main; the
     * window never sends a path). An existing YAML plan keeps its comments and order: only what
     * was edited changes. The saved file becomes the open plan unless a session is running on it.
     */
    request: z.strictObject({}),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), file: z.string(), state: AuthoringStateSchema }),
      z.object({ ok: z.literal(false), cancelled: z.boolean(), message: z.string() }),
    ]),
  },
  'authoring:update-preview': {
    method: 'previewPlanUpdate',
    /** Update from checklist…: what merging a checklist into the working copy would change. */
    request: ChecklistSourceSchema,
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), preview: UpdatePreviewSchema }),
      z.object({
        ok: z.literal(false),
        cancelled: z.boolean(),
        message: z.string(),
        errors: z.array(
          z.object({
            file: z.string(),
            line: z.number().int().optional(),
            path: z.string(),
            message: z.string(),
          }),
        ),
      }),
    ]),
  },
  'authoring:update-apply': {
    method: 'applyPlanUpdate',
    /**
     * Apply a previewed update; `prune` drops items the checklist no longer has; `suggest` gives
     * new items their drafted checks at once (otherwise they wait as suggested checks).
     */
    request: z.strictObject({
      token: z.string().regex(/^update-[0-9]+$/),
      prune: z.boolean().default(false),
      suggest: z.boolean().default(true),
    }),
    response: StateResponseSchema,
  },
} as const
