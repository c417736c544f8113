import { z } from 'zod'
import { DurationSchema } from './duration'

/**
 * Probe specifications: a discriminated union on `kind`. The plan only carries the shape; the
 * engine in src/main runs them. Conditions (`expect`) are CEL expressions over the documented
 * result context.
 */

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

const ConditionsSchema = z
  .array(z.string().min(1, { message: 'expected a CEL condition, got an empty string' }))
  .default([])

const AuthSchema = z.strictObject({
  credential: z.string().describe('Name of a credential declared in the plan'),
  bundleId: z
    .string()
    .min(1)
    .optional()
    .describe("App Store Server API: the app's bundle id, signed into the token as `bid`"),
})

const requestFields = {
  method: z.enum(HTTP_METHODS).default('GET'),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  json: z.unknown().optional().describe('JSON request body'),
  body: z.string().optional().describe('Text request body'),
  auth: AuthSchema.optional(),
  timeout: DurationSchema.optional().describe('Deadline for the whole request (default 10s)'),
  followRedirects: z
    .number()
    .int()
    .min(0)
    .max(20)
    .default(0)
    .describe('Redirects to follow; 0 = none'),
  insecure: z.boolean().default(false).describe('Skip TLS verification (flagged in the record)'),
  maxBodyBytes: z.number().int().positive().optional(),
  authHint: z
    .string()
    .optional()
    .describe('What a 401/403 means here: the permission the credential needs (presets set it)'),
}

/**
 * Following a paginated list API: the items of every page are gathered into `items` for the
 * conditions. The next page comes from query parameters computed from the page (page numbers,
 * cursors), a URL the page names, or the Link header (RFC 8288).
 */
export const PaginateSchema = z
  .strictObject({
    items: z.string().min(1).describe('CEL: the list of items on one page, e.g. body.result'),
    more: z
      .string()
      .min(1)
      .optional()
      .describe('CEL: true when another page follows (required with query)'),
    query: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe('next page: query parameters to set on the URL, name → CEL over the page'),
    url: z
      .string()
      .min(1)
      .optional()
      .describe('next page: CEL giving its URL (absolute or relative); "" or null ends'),
    link: z.boolean().optional().describe('next page: the Link header\'s rel="next"'),
    maxPages: z.number().int().min(1).max(100).default(20),
  })
  .superRefine((p, ctx) => {
    const ways = [p.query && 'query', p.url && 'url', p.link && 'link'].filter(Boolean)
    if (ways.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `say how to reach the next page with exactly one of query, url or link${ways.length ? ` (got ${ways.join(' and ')})` : ''}`,
      })
    if (p.query && !p.more)
      ctx.addIssue({
        code: 'custom',
        path: ['more'],
        message: 'is required with query (when does another page follow?)',
      })
  })

export const HttpProbeSchema = z.strictObject({
  kind: z.literal('http'),
  ...requestFields,
  paginate: PaginateSchema.optional(),
  expect: ConditionsSchema,
})

export const FlowStepSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    message: 'expected a step id usable in CEL (letters, digits, _)',
  }),
  ...requestFields,
  capture: z
    .record(z.string(), z.string())
    .default({})
    .describe('vars to set: name → CEL expression'),
  expect: ConditionsSchema,
  poll: z
    .strictObject({
      until: z.string().min(1),
      interval: DurationSchema.default('1s'),
      deadline: DurationSchema,
    })
    .optional(),
  evidence: z.array(z.string()).default([]).describe('captured vars recorded as evidence ids'),
  always: z
    .boolean()
    .default(false)
    .describe('run even after an earlier step failed (cleanup, e.g. deleting a Play edit)'),
})

export const FlowProbeSchema = z.strictObject({
  kind: z.literal('flow'),
  steps: z.array(FlowStepSchema).min(1),
  expect: ConditionsSchema,
  timeout: DurationSchema.optional(),
})

export const TlsProbeSchema = z.strictObject({
  kind: z.literal('tls'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(443),
  servername: z.string().optional(),
  minDaysLeft: z.number().int().min(0).default(14),
  minProtocol: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
  expect: ConditionsSchema,
  timeout: DurationSchema.optional(),
})

export const DnsProbeSchema = z.strictObject({
  kind: z.literal('dns'),
  name: z.string().min(1),
  type: z.enum(['A', 'AAAA', 'CNAME', 'TXT', 'MX', 'NS', 'CAA']).default('A'),
  expected: z.array(z.string()).default([]),
  match: z.enum(['subset', 'equal']).default('subset'),
  resolvers: z.array(z.string()).optional(),
  expect: ConditionsSchema,
  timeout: DurationSchema.optional(),
})

export const HeadersProbeSchema = z.strictObject({
  kind: z.literal('headers'),
  url: z.string().min(1),
  hstsMinMaxAge: z.number().int().min(0).default(15_552_000),
  insecure: z.boolean().default(false),
  expect: ConditionsSchema,
  timeout: DurationSchema.optional(),
})

export const LatencyProbeSchema = z.strictObject({
  kind: z.literal('latency'),
  ...requestFields,
  requests: z.number().int().min(1).max(100_000).default(50),
  rate: z.number().positive().max(10_000).default(10).describe('requests per second'),
  concurrency: z.number().int().min(1).max(256).default(4),
  expect: ConditionsSchema,
})

export const MetricProbeSchema = z.strictObject({
  kind: z.literal('metric'),
  source: z.string().min(1).describe('URL of the metrics source, e.g. a Prometheus server'),
  query: z.string().min(1),
  auth: AuthSchema.optional(),
  expect: ConditionsSchema,
  timeout: DurationSchema.optional(),
})

export const PresetProbeSchema = z.strictObject({
  kind: z.literal('preset'),
  preset: z.string().min(1).describe('Preset id, e.g. github.branch-protection'),
  credential: z.string().describe('Name of the credential the preset authenticates with'),
  params: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .default({}),
  baseUrl: z
    .string()
    .optional()
    .describe('Override the provider API base URL (enterprise hosts, tests)'),
  expect: ConditionsSchema.describe('Conditions in addition to the preset’s own'),
  timeout: DurationSchema.optional(),
})

export const ProbeSchema = z.discriminatedUnion('kind', [
  HttpProbeSchema,
  FlowProbeSchema,
  TlsProbeSchema,
  DnsProbeSchema,
  HeadersProbeSchema,
  LatencyProbeSchema,
  MetricProbeSchema,
  PresetProbeSchema,
])

export type Probe = z.infer<typeof ProbeSchema>
export type ProbeKind = Probe['kind']
export type FlowStep = z.infer<typeof FlowStepSchema>
