import { z } from 'zod'
import { CANARY_VERDICTS } from './canary/analysis'
import { CredentialKindSchema, CredentialNameSchema } from './credentials'
import { PlanSchema } from './plan/schema'

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

/** A session command's answer: the new view, or what is wrong (with the blocking reasons). */
const SessionResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: SessionViewSchema }),
  z.object({
    ok: z.literal(false),
    message: z.string(),
    reasons: z.array(z.string()).optional(),
  }),
])

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
      /** Ask main to show the native open dialog (plans and checklists). */
      z.strictObject({ source: z.literal('dialog') }),
    ]),
    response: PlanLoadResponseSchema,
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
    /** Sign off the current digest with a signing key from the keychain. */
    request: z.strictObject({
      role: z.string().trim().min(1).max(200),
      name: z.string().trim().min(1).max(200),
      key: CredentialNameSchema,
    }),
    response: SessionResultSchema,
  },
  'session:decide': {
    method: 'decide',
    request: z.strictObject({ decision: z.enum(['GO', 'NO-GO']), reason: Text }),
    response: SessionResultSchema,
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
} as const

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
}

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
