import { z } from 'zod'
import { CredentialKindSchema } from '../credentials'
import { DurationSchema } from '../plan/duration'
import { PaginateSchema } from '../plan/probes'

/**
 * The preset file format (resources/presets/*.yaml and users' own files). A preset is data over
 * the generic probes: a request template (or the steps of a flow), the parameters it takes, its
 * CEL conditions, and what the user needs to know (least permission, API version, when its shape
 * was last checked against the provider's published description, and where).
 *
 * Placeholders: `${params.NAME}` is filled in when the preset expands — percent-encoded in a URL
 * path, as text in query values, headers and bodies, and as a CEL literal (string, double, bool or
 * list) in conditions. `${vars.NAME}` (flow captures, plan vars) and `${secrets.NAME}` are left for
 * the probe engine, as in a plan.
 */

export const PRESET_ID_PATTERN = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/
const PresetIdSchema = z.string().regex(PRESET_ID_PATTERN, {
  message: 'expected a preset id: provider.check, lower-case letters, digits and "-"',
})

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export const PARAM_TYPES = ['string', 'number', 'boolean', 'list'] as const

const ParamValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])
export type ParamValue = z.infer<typeof ParamValueSchema>

export const PresetParamSchema = z.strictObject({
  type: z.enum(PARAM_TYPES),
  required: z.boolean().default(false),
  description: z.string().min(1),
  default: ParamValueSchema.optional().describe('Value used when the plan gives none'),
  values: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('The only values a string param accepts (a provider enum)'),
  pattern: z.string().min(1).optional().describe('Regular expression a string value must match'),
  encode: z
    .enum(['segment', 'path'])
    .default('segment')
    .describe('In a URL path: one segment (a "/" is escaped, the default) or a path ("/" kept)'),
})
export type PresetParam = z.infer<typeof PresetParamSchema>

/** A condition, or one that applies only when a param is given, or one per element of a list param. */
export const PresetConditionSchema = z.union([
  z.string().min(1, { message: 'expected a CEL condition, got an empty string' }),
  z.strictObject({
    check: z.string().min(1).describe('CEL condition'),
    when: z
      .string()
      .min(1)
      .optional()
      .describe('Param name: the condition applies only when it has a value (and is not false)'),
    forEach: z
      .string()
      .min(1)
      .optional()
      .describe('List param name: one condition per element, ${params.NAME} standing for it'),
  }),
])
export type PresetCondition = z.infer<typeof PresetConditionSchema>
const ConditionsSchema = z.array(PresetConditionSchema).default([])

const requestFields = {
  method: z.enum(HTTP_METHODS).default('GET'),
  url: z
    .string()
    .regex(/^\/\S*$/, { message: 'expected a path starting with "/" (joined to baseUrl)' })
    .describe('Path joined to baseUrl, e.g. /v1/services/${params.service}'),
  urlWhen: z
    .record(
      z.string().min(1),
      z.string().regex(/^\/\S*$/, { message: 'expected a path starting with "/"' }),
    )
    .optional()
    .describe('Param name → path used instead of url when that param has a value'),
  query: z
    .record(z.string().min(1), z.string())
    .optional()
    .describe('Query parameters; one naming an optional param without a value is left out'),
  headers: z.record(z.string().min(1), z.string()).optional(),
  json: z.unknown().optional().describe('JSON request body'),
  body: z.string().optional().describe('Text request body'),
}

export const PresetRequestSchema = z.strictObject(requestFields)

export const PresetStepSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    message: 'expected a step id usable in CEL (letters, digits, _)',
  }),
  ...requestFields,
  when: z
    .string()
    .min(1)
    .optional()
    .describe('Param name: the step runs only when it has a value (and is not false)'),
  auth: z
    .strictObject({ bundleId: z.string().min(1) })
    .optional()
    .describe("App Store Server API: the app's bundle id, signed into the token"),
  capture: z.record(z.string(), z.string().min(1)).default({}),
  expect: ConditionsSchema,
  poll: z
    .strictObject({
      until: z.string().min(1),
      interval: z.string().min(1).default('1s'),
      deadline: z.string().min(1),
    })
    .optional(),
  evidence: z.array(z.string()).default([]),
  always: z.boolean().default(false).describe('Run even after an earlier step failed (cleanup)'),
})

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export const PresetSchema = z
  .strictObject({
    id: PresetIdSchema,
    title: z.string().min(1).describe('What passing means, in one line'),
    help: z.string().min(1).describe('What it checks and how to set it up'),
    provider: z.string().min(1).optional().describe('Default: the file’s provider'),
    baseUrl: z.url().optional().describe('Default: the file’s baseUrl'),
    baseUrlByParam: z
      .strictObject({ param: z.string().min(1), urls: z.record(z.string().min(1), z.url()) })
      .optional()
      .describe('A string param choosing the host, e.g. production or sandbox'),
    credentialKinds: z.array(CredentialKindSchema).min(1).optional(),
    permission: z.string().min(1).describe('The least a credential needs (shown on 401/403)'),
    apiVersion: z.string().min(1).describe('API version the shape was checked against'),
    checked: z
      .string()
      .regex(ISO_DATE, { message: 'expected a date, YYYY-MM-DD' })
      .describe('When the shape was last checked against the provider’s description'),
    source: z.string().min(1).describe('The published description it was checked against'),
    versionNotes: z.string().optional(),
    override: z
      .boolean()
      .optional()
      .describe('A user preset replacing a built-in one of the same id (shown wherever listed)'),
    params: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), PresetParamSchema).default({}),
    request: PresetRequestSchema.optional().describe('One request (an http probe)'),
    paginate: PaginateSchema.optional(),
    steps: z.array(PresetStepSchema).min(1).optional().describe('Several requests (a flow)'),
    expect: ConditionsSchema,
    timeout: DurationSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.request === undefined) === (p.steps === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'give exactly one of request (one call) or steps (a flow)',
      })
    if (p.steps && p.paginate)
      ctx.addIssue({ code: 'custom', path: ['paginate'], message: 'a flow cannot paginate' })
  })

/**
 * A user preset as a loaded plan carries it (the plan's `userPresets`): its definition with the
 * file's defaults applied, and without the file's path, so that the plan hash covers what the
 * preset does and not where it was read from.
 */
export const UserPresetSchema = PresetSchema.safeExtend({
  provider: z.string().min(1),
  baseUrl: z.string().min(1),
  credentialKinds: z.array(CredentialKindSchema).min(1),
  commonHeaders: z.record(z.string().min(1), z.string()),
})
export type UserPreset = z.infer<typeof UserPresetSchema>

export const PresetFileSchema = z.strictObject({
  version: z.literal(1).default(1),
  provider: z.string().min(1).optional().describe('Default provider of the presets below'),
  baseUrl: z.url().optional().describe('Default API base URL of the presets below'),
  credentialKinds: z
    .array(CredentialKindSchema)
    .min(1)
    .optional()
    .describe('Default credential kinds (the auth strategy: bearer token, App Store JWT, …)'),
  headers: z
    .record(z.string().min(1), z.string())
    .optional()
    .describe('Headers every request below sends (a preset’s own win)'),
  presets: z.array(PresetSchema).min(1, { message: 'expected at least one preset' }),
})

export type PresetFile = z.infer<typeof PresetFileSchema>
export type PresetSpec = z.infer<typeof PresetSchema>
export type PresetStep = z.infer<typeof PresetStepSchema>

/** Where a preset came from: a built-in file or a user's. */
export interface PresetOrigin {
  file: string
  line?: number
  builtin: boolean
}

/** A preset with its file's defaults applied: what the catalog holds and expansion reads. */
export interface PresetDefinition extends Omit<
  PresetSpec,
  'provider' | 'baseUrl' | 'credentialKinds'
> {
  provider: string
  baseUrl: string
  credentialKinds: z.infer<typeof CredentialKindSchema>[]
  /** The file's common headers, merged under each request's own. */
  commonHeaders: Record<string, string>
  origin: PresetOrigin
}
