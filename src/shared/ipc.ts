import { z } from 'zod'
import { CANARY_VERDICTS } from './canary/analysis'
import { ACTIVITY_KINDS } from './session/activity'
import { CredentialKindSchema, CredentialNameSchema } from './credentials'
import { EnvironmentNameSchema, PlanSchema } from './plan/schema'
import { authoringChannels } from './ipc-authoring'

/**
 * The one IPC contract between the renderer and the main process. Every channel has a zod schema
 * for its request and its response; main validates requests (and the sender) through one wrapper,
 * the preload builds the renderer's API object from this table, and tests bind the same handlers
 * to a loopback transport. Nothing here ever carries a secret value.
 */

export const SourceErrorSchema = z.object({
  file: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  path: z.string(),
  message: z.string(),
})

export const LoadedPlanSchema = z.object({
  file: z.string(),
  plan: PlanSchema,
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  vars: z.record(z.string(), z.string()),
  warnings: z.array(z.string()).default([]),
  environment: EnvironmentNameSchema.optional(),
})

export const PlanLoadResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: LoadedPlanSchema }),
  /** `cancelled` when the user closed the open dialog; then `errors` is empty. */
  z.object({
    ok: z.literal(false),
    errors: z.array(SourceErrorSchema),
    cancelled: z.boolean().optional(),
  }),
])

export const TemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
})

const PathSchema = z.string().min(1).max(4096)

/** A dropped file's text is capped like a plan file (characters, not bytes: UTF-16 in transit). */
export const MAX_DROPPED_TEXT = 5 * 1024 * 1024

/** Source line ranges of an imported checklist to import as items although they were left out. */
export const IncludeLinesSchema = z
  .array(
    z
      .strictObject({ from: z.number().int().min(1), to: z.number().int().min(1) })
      .refine((r) => r.to >= r.from, { message: 'a line range ends before it starts' }),
  )
  .max(500)

/** What importing a checklist would give, shown before the plan opens (see `checklist:preview`). */
export const ChecklistPreviewSchema = z.object({
  /** The checklist's name and text, so the window can open it with the chosen blocks included. */
  name: z.string(),
  text: z.string(),
  counts: z.object({ phases: z.number().int(), items: z.number().int(), roles: z.number().int() }),
  leftOut: z.array(
    z.object({
      from: z.number().int(),
      to: z.number().int(),
      reason: z.string(),
      excerpt: z.string(),
    }),
  ),
  warnings: z.array(z.string()),
  /** Empty when the checklist imports; otherwise why it does not (and no plan opens). */
  errors: z.array(SourceErrorSchema),
})

/**
 * What `plan:load` answers. Besides an opened plan or why none opened, the open dialog (`source:
 * 'dialog'`) may answer with a checklist's import preview: the user picked a checklist, nothing
 * opened yet, and the window shows the preview; confirming it opens the checklist with `source:
 * 'text'`, as *Import checklist…* does. `errors` is then empty (a checklist that does not import
 * carries its errors in the preview, where the window shows them).
 */
export const PlanOpenResponseSchema = z.union([
  // First, and strict: the looser failure variant would otherwise accept it with `preview` dropped.
  z.strictObject({
    ok: z.literal(false),
    errors: z.array(SourceErrorSchema).max(0),
    preview: ChecklistPreviewSchema,
  }),
  ...PlanLoadResponseSchema.options,
])

/** A probe result as the renderer shows it: verdict, reason, every condition, ids. Already redacted. */
export const ProbeResultViewSchema = z.object({
  item: z.string(),
  status: z.enum(['pass', 'fail']),
  reason: z.string().optional(),
  observedAt: z.string(),
  durationMs: z.number(),
  kind: z.string(),
  conditions: z.array(
    z.object({ expression: z.string(), pass: z.boolean(), actual: z.string().optional() }),
  ),
  httpStatus: z.number().int().optional(),
  ids: z.record(z.string(), z.string()).optional(),
})
export type ProbeResultView = z.infer<typeof ProbeResultViewSchema>

/** What the renderer may know about a credential: never its value. */
export const CredentialInfoSchema = z.strictObject({
  name: z.string(),
  kind: CredentialKindSchema.optional(),
  set: z.boolean(),
  source: z.enum(['keychain', 'environment']).optional(),
  updatedAt: z.string().optional(),
  verifiedAt: z.string().optional(),
  problem: z.string().optional(),
})

const RunIdSchema = z.string().regex(/^run-[0-9]+$/)
const CanaryRunIdSchema = z.string().regex(/^canary-[0-9]+$/)

/** One step of a canary analysis as the cockpit shows it (samples stay in main and the log). */
export const CanaryUpdateViewSchema = z.object({
  item: z.string(),
  verdict: z.enum(CANARY_VERDICTS),
  reason: z.string(),
  observedAt: z.string(),
  source: z.string(),
  interval: z
    .object({
      index: z.number().int(),
      total: z.number().int().nullable(),
      score: z.number(),
      outcome: z.enum(['pass', 'marginal', 'fail', 'inconclusive', 'error']),
      stableMs: z.number(),
      stableForMs: z.number(),
      metrics: z.array(
        z.object({
          id: z.string(),
          status: z.enum(['pass', 'warn', 'fail', 'nodata', 'error']),
          value: z.number().nullable(),
          baseline: z.number().nullable(),
          classification: z.enum(['High', 'Low', 'Pass', 'Insufficient']).optional(),
          p: z.number().optional(),
          reason: z.string(),
        }),
      ),
      /** The interval's samples per metric, [unix seconds, value], for the charts. */
      samples: z.record(
        z.string(),
        z.object({
          canary: z.array(z.tuple([z.number(), z.number()])).max(5000),
          baseline: z
            .array(z.tuple([z.number(), z.number()]))
            .max(5000)
            .optional(),
        }),
      ),
    })
    .optional(),
})
export type CanaryUpdateView = z.infer<typeof CanaryUpdateViewSchema>

/** A session as the window shows it (src/shared/session/view.ts builds it). */
export const SessionViewSchema = z.object({
  dir: z.string(),
  planName: z.string(),
  startedAt: z.string(),
  startedBy: z.string(),
  events: z.number().int(),
  environment: EnvironmentNameSchema.optional(),
  verdict: z.enum(['READY', 'NOT_READY']),
  reasons: z.array(
    z.object({
      level: z.enum(['blocker', 'warning']),
      code: z.string(),
      item: z.string().optional(),
      role: z.string().optional(),
      message: z.string(),
    }),
  ),
  digest: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['pass', 'fail', 'na', 'waived', 'pending']),
      source: z.string(),
      at: z.string().optional(),
      reason: z.string().optional(),
      stale: z.boolean(),
    }),
  ),
  phases: z.array(
    z.object({ id: z.string(), title: z.string(), total: z.number(), done: z.number() }),
  ),
  signoffs: z.array(
    z.object({
      role: z.string(),
      status: z.enum(['current', 'outdated', 'missing']),
      signer: z.string().optional(),
      at: z.string().optional(),
      pinned: z.boolean(),
      quorum: z.object({ needed: z.number(), signed: z.number() }).optional(),
    }),
  ),
  decision: z
    .object({
      decision: z.enum(['GO', 'NO-GO']),
      reason: z.string(),
      at: z.string(),
      by: z.string(),
      current: z.boolean(),
    })
    .optional(),
})

export type SessionViewPayload = z.infer<typeof SessionViewSchema>

/** Everything the item drawer shows beyond the list row: the item's story in this session. */
export const ItemDetailSchema = z.object({
  item: z.string(),
  history: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      by: z.string(),
      source: z.string(),
      status: z.string(),
      reason: z.string().optional(),
    }),
  ),
  notes: z.array(
    z.object({ seq: z.number().int(), at: z.string(), by: z.string(), text: z.string() }),
  ),
  attachments: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      by: z.string(),
      name: z.string(),
      sha256: z.string(),
      size: z.number().int(),
    }),
  ),
  waiver: z
    .object({
      role: z.string(),
      reason: z.string(),
      by: z.string(),
      at: z.string(),
      expiresAt: z.string().optional(),
      expired: z.boolean(),
    })
    .optional(),
})
export type ItemDetail = z.infer<typeof ItemDetailSchema>

const HttpExchangeViewSchema = z.looseObject({
  request: z.object({ method: z.string(), url: z.string() }),
  status: z.number().int().optional(),
  bodyExcerpt: z.string().optional(),
  timing: z.record(z.string(), z.number()).optional(),
})

/** The latest probe evidence for an item, as recorded (already redacted by the engine). */
export const ProbeEvidenceViewSchema = z.object({
  item: z.string(),
  observedAt: z.string(),
  status: z.enum(['pass', 'fail']),
  reason: z.string().optional(),
  evidence: z.looseObject({
    kind: z.string(),
    startedAt: z.string(),
    durationMs: z.number(),
    conditions: z.array(
      z.object({ expression: z.string(), pass: z.boolean(), actual: z.string().optional() }),
    ),
    http: HttpExchangeViewSchema.optional(),
    steps: z.array(HttpExchangeViewSchema.extend({ id: z.string() })).optional(),
  }),
})
export type ProbeEvidenceView = z.infer<typeof ProbeEvidenceViewSchema>

/** A session on disk the home screen can reopen. */
export const RecentSessionSchema = z.object({
  dir: z.string(),
  planName: z.string(),
  startedAt: z.string(),
  startedBy: z.string(),
  events: z.number().int(),
  environment: EnvironmentNameSchema.optional(),
  decision: z.enum(['GO', 'NO-GO']).optional(),
  problem: z.string().optional(),
})
export type RecentSession = z.infer<typeof RecentSessionSchema>

/** A session command's answer: the new view, or what is wrong (with the blocking reasons). */
const SessionResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: SessionViewSchema }),
  z.object({
    ok: z.literal(false),
    message: z.string(),
    reasons: z.array(z.string()).optional(),
  }),
])

/** One entry of the session's activity timeline (src/shared/session/activity.ts builds it). */
export const ActivityEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  role: z.string().optional(),
  kind: z.enum(ACTIVITY_KINDS),
  item: z.string().optional(),
  outcome: z.string().optional(),
  text: z.string(),
})
export type ActivityEntryView = z.infer<typeof ActivityEntrySchema>

const Text = z.string().trim().min(1).max(2000)

export const invokeChannels = {
  'plan:templates': {
    method: 'listTemplates',
    request: z.strictObject({}),
    response: z.array(TemplateSchema),
  },
  'plan:load': {
    method: 'loadPlan',
    request: z.discriminatedUnion('source', [
      z.strictObject({ source: z.literal('template'), id: z.string().regex(/^[a-z0-9-]+$/) }),
      /** A path the user dropped onto the window or picked from recents. */
      z.strictObject({ source: z.literal('file'), path: PathSchema }),
      /**
       * Ask main to show the native open dialog (plans and checklists). A plan opens; a checklist
       * is answered with its import preview and opens only once the window confirms it.
       */
      z.strictObject({ source: z.literal('dialog') }),
      /**
       * A file dropped onto the window, read by the renderer: its name (for error positions and to
       * tell a plan from a checklist) and text. The sandbox gives the renderer no paths.
       */
      z.strictObject({
        source: z.literal('text'),
        name: z.string().min(1).max(255),
        text: z.string().max(MAX_DROPPED_TEXT),
        /** Left-out checklist lines the user chose to import as items (see `checklist:preview`). */
        include: IncludeLinesSchema.optional(),
      }),
    ]),
    response: PlanOpenResponseSchema,
  },
  'checklist:preview': {
    method: 'previewChecklist',
    /**
     * Import a checklist without opening it: counts, what was left out and why. From the native
     * open dialog, or from text the window already has (a dropped file, a preview to refresh with
     * blocks included).
     */
    request: z.discriminatedUnion('source', [
      z.strictObject({ source: z.literal('dialog') }),
      z.strictObject({
        source: z.literal('text'),
        name: z.string().min(1).max(255),
        text: z.string().max(MAX_DROPPED_TEXT),
        include: IncludeLinesSchema.optional(),
      }),
    ]),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), preview: ChecklistPreviewSchema }),
      z.object({
        ok: z.literal(false),
        cancelled: z.boolean(),
        errors: z.array(SourceErrorSchema),
      }),
    ]),
  },
  'probes:run': {
    method: 'runProbes',
    /** Run the open plan's probes: all of them, or one phase or item (`only`). */
    request: z.strictObject({ only: z.string().max(64).optional() }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), runId: RunIdSchema, total: z.number().int() }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  'probes:results': {
    method: 'probeResults',
    /** Results of a run from position `after` on, in the order they landed. */
    request: z.strictObject({ runId: RunIdSchema, after: z.number().int().min(0) }),
    response: z.object({
      results: z.array(ProbeResultViewSchema),
      done: z.boolean(),
      total: z.number().int(),
    }),
  },
  'canary:run': {
    method: 'runCanary',
    /** Start the canary analysis of one item of the open plan. */
    request: z.strictObject({ item: z.string().max(64) }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), runId: CanaryRunIdSchema }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  'canary:updates': {
    method: 'canaryUpdates',
    /** Steps of an analysis from position `after` on. */
    request: z.strictObject({ runId: CanaryRunIdSchema, after: z.number().int().min(0) }),
    response: z.object({ updates: z.array(CanaryUpdateViewSchema), done: z.boolean() }),
  },
  'canary:stop': {
    method: 'stopCanary',
    request: z.strictObject({ runId: CanaryRunIdSchema }),
    response: z.object({ stopped: z.boolean() }),
  },
  'session:start': {
    method: 'startSession',
    /** Start a session on the open plan, as `actor` (the release captain). */
    request: z.strictObject({
      actor: z.string().trim().min(1).max(200),
      role: z.string().trim().max(200).optional(),
      /** One of the plan's environments; required when it declares several. */
      environment: EnvironmentNameSchema.optional(),
    }),
    response: SessionResultSchema,
  },
  'session:view': {
    method: 'sessionView',
    request: z.strictObject({}),
    response: z.object({ view: SessionViewSchema.nullable() }),
  },
  'session:mark': {
    method: 'markItem',
    request: z.strictObject({
      item: z.string().max(64),
      status: z.enum(['pass', 'fail', 'na', 'pending']),
      note: z.string().max(2000).optional(),
    }),
    response: SessionResultSchema,
  },
  'session:waive': {
    method: 'waiveItem',
    request: z.strictObject({
      item: z.string().max(64),
      reason: Text,
      role: z.string().trim().min(1).max(200),
      expiresInMinutes: z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 30)
        .optional(),
    }),
    response: SessionResultSchema,
  },
  'session:sign': {
    method: 'signOff',
    /**
     * Sign off the current digest: with a signing key from the keychain (`key`), or by importing
     * an SSH signature made elsewhere (`ssh-keygen -Y sign`), picked with the native dialog in main.
     */
    request: z.union([
      z.strictObject({
        role: z.string().trim().min(1).max(200),
        name: z.string().trim().min(1).max(200),
        key: CredentialNameSchema,
      }),
      z.strictObject({
        role: z.string().trim().min(1).max(200),
        name: z.string().trim().min(1).max(200),
        importSignature: z.literal(true),
      }),
    ]),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), view: SessionViewSchema }),
      z.object({
        ok: z.literal(false),
        message: z.string(),
        reasons: z.array(z.string()).optional(),
        cancelled: z.boolean().optional(),
      }),
    ]),
  },
  'session:decide': {
    method: 'decide',
    request: z.strictObject({ decision: z.enum(['GO', 'NO-GO']), reason: Text }),
    response: SessionResultSchema,
  },
  'session:item': {
    method: 'itemDetail',
    /** The drawer's view of one item: history, notes, attachments, waiver. */
    request: z.strictObject({ item: z.string().max(64) }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), detail: ItemDetailSchema }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  'session:note': {
    method: 'addNote',
    request: z.strictObject({ item: z.string().max(64), text: Text }),
    response: SessionResultSchema,
  },
  'session:attach': {
    method: 'attachEvidence',
    /** Attach a file to an item as evidence, picked with the native open dialog in main. */
    request: z.strictObject({ item: z.string().max(64) }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), view: SessionViewSchema }),
      z.object({ ok: z.literal(false), message: z.string(), cancelled: z.boolean().optional() }),
    ]),
  },
  'session:recent': {
    method: 'recentSessions',
    request: z.strictObject({}),
    response: z.array(RecentSessionSchema),
  },
  'session:resume': {
    method: 'resumeSession',
    /** Reopen a recent session (by its directory, as listed) with the plan it started on. */
    request: z.strictObject({ dir: PathSchema, actor: z.string().trim().min(1).max(200) }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), plan: LoadedPlanSchema, view: SessionViewSchema }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  'probes:evidence': {
    method: 'probeEvidence',
    /** The full evidence of an item's latest probe result in this window. */
    request: z.strictObject({ item: z.string().max(64) }),
    response: z.object({ evidence: ProbeEvidenceViewSchema.nullable() }),
  },
  'keys:create': {
    method: 'createSigningKey',
    /** A new Ed25519 signing key in the keychain; only its public half comes back. */
    request: z.strictObject({
      name: CredentialNameSchema,
      comment: z.string().trim().min(1).max(200),
    }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), publicKey: z.string(), fingerprint: z.string() }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  'record:export': {
    method: 'exportRecord',
    /** Export the session's signed record where the user chooses (native save dialog in main). */
    request: z.strictObject({}),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), pdf: z.string(), digest: z.string() }),
      z.object({ ok: z.literal(false), cancelled: z.boolean(), message: z.string() }),
    ]),
  },
  'credentials:list': {
    method: 'listCredentials',
    /** Stored credentials plus those the open plan declares. */
    request: z.strictObject({}),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), credentials: z.array(CredentialInfoSchema) }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  'credentials:set': {
    method: 'setCredential',
    /** Write-only: the value goes to the keychain and is never sent back. */
    request: z.strictObject({
      name: CredentialNameSchema,
      kind: CredentialKindSchema,
      fields: z.record(z.string(), z.string().max(64 * 1024)),
    }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  'credentials:delete': {
    method: 'deleteCredential',
    request: z.strictObject({ name: CredentialNameSchema }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), deleted: z.boolean() }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  'session:activity': {
    method: 'sessionActivity',
    /**
     * The open session's timeline, newest first, one page at a time (`before`: the `next` of the
     * previous page), filtered by kind and words. Redacted: short entries, never event data.
     */
    request: z.strictObject({
      before: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      kinds: z.array(z.enum(ACTIVITY_KINDS)).max(ACTIVITY_KINDS.length).optional(),
      query: z.string().max(200).optional(),
    }),
    response: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        entries: z.array(ActivityEntrySchema).max(200),
        total: z.number().int(),
        next: z.number().int().optional(),
      }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  ...authoringChannels,
  'authoring:open-edited': {
    method: 'openEditedPlan',
    /**
     * Make the last saved working copy the open plan (to start a new session on it). A session
     * running on the old plan is closed, never changed: its log stays as it was, under Recent.
     */
    request: z.strictObject({}),
    response: PlanLoadResponseSchema,
  },
} as const

/** What the native menu asks the window to do; the window runs the same code as its buttons. */
export const MENU_COMMANDS = [
  'open-plan',
  'import-checklist',
  'new-session',
  'run-all',
  'export-record',
  'show-shortcuts',
  'find',
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

/**
 * Main → renderer events. Main validates each payload against its schema before sending; the
 * preload exposes one subscribe method per channel (`onProbeResult(listener)` → unsubscribe).
 * A push carries the position it fills, so a renderer that missed one reads the gap through the
 * matching invoke channel instead of showing a hole.
 */
export const pushChannels = {
  'push:probe-result': {
    method: 'onProbeResult',
    payload: z.object({
      runId: RunIdSchema,
      position: z.number().int().min(0),
      total: z.number().int(),
      done: z.boolean(),
      result: ProbeResultViewSchema.optional(),
    }),
  },
  'push:canary-update': {
    method: 'onCanaryUpdate',
    payload: z.object({
      runId: CanaryRunIdSchema,
      item: z.string(),
      position: z.number().int().min(0),
      done: z.boolean(),
      update: CanaryUpdateViewSchema.optional(),
    }),
  },
  'push:session-changed': {
    method: 'onSessionChanged',
    payload: z.object({ view: SessionViewSchema.nullable() }),
  },
  'push:menu-command': {
    method: 'onMenuCommand',
    payload: z.object({ command: z.enum(MENU_COMMANDS) }),
  },
} as const

export type PushChannels = typeof pushChannels
export type PushChannel = keyof PushChannels
export type PushPayload<C extends PushChannel> = z.output<PushChannels[C]['payload']>
/** Main's side of the push channels: the shell sends to the window, tests to the page. */
export type Publish = <C extends PushChannel>(channel: C, payload: PushPayload<C>) => void

export type GoNoGoPushApi = {
  [C in PushChannel as PushChannels[C]['method']]: (
    listener: (payload: PushPayload<C>) => void,
  ) => () => void
}

export type InvokeChannels = typeof invokeChannels
export type InvokeChannel = keyof InvokeChannels
export type ChannelRequest<C extends InvokeChannel> = z.input<InvokeChannels[C]['request']>
export type ChannelResponse<C extends InvokeChannel> = z.output<InvokeChannels[C]['response']>

/** The main-side implementation of every channel: plain async functions over plain data. */
export type Handlers = {
  [C in InvokeChannel]: (
    request: z.output<InvokeChannels[C]['request']>,
  ) => Promise<ChannelResponse<C>>
}

/** The renderer's view: `window.gonogo.loadPlan({ source: 'template', id: 'demo' })`. */
export type GoNoGoApi = {
  [C in InvokeChannel as InvokeChannels[C]['method']]: (
    request: ChannelRequest<C>,
  ) => Promise<ChannelResponse<C>>
} & GoNoGoPushApi

export const API_GLOBAL = 'gonogo'

export class IpcRequestError extends Error {
  constructor(
    readonly channel: string,
    message: string,
  ) {
    super(`${channel}: ${message}`)
    this.name = 'IpcRequestError'
  }
}

/** Validate a request against its channel schema; the error names the channel and the field. */
export function parseRequest<C extends InvokeChannel>(
  channel: C,
  payload: unknown,
): z.output<InvokeChannels[C]['request']> {
  const def = invokeChannels[channel] as InvokeChannels[InvokeChannel] | undefined
  if (!def) throw new IpcRequestError(String(channel), 'unknown channel')
  const result = def.request.safeParse(payload)
  if (!result.success) {
    const issue = result.error.issues[0]
    const path = issue?.path.map(String).join('.') || '(request)'
    throw new IpcRequestError(
      channel,
      `invalid request: ${path}: ${issue?.message ?? 'does not match the schema'}`,
    )
  }
  return result.data as z.output<InvokeChannels[C]['request']>
}

/**
 * Check a push payload before it leaves main: a payload that does not match its schema is a bug in
 * main, and the window must not receive it half-formed.
 */
export function checkPush<C extends PushChannel>(channel: C, payload: unknown): PushPayload<C> {
  const result = pushChannels[channel].payload.safeParse(payload)
  if (!result.success) {
    const issue = result.error.issues[0]
    const path = issue?.path.map(String).join('.') || '(payload)'
    throw new IpcRequestError(channel, `invalid push: ${path}: ${issue?.message ?? 'mismatch'}`)
  }
  return result.data as PushPayload<C>
}
