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

export const HttpProbeSchema = z.strictObject({
  kind: z.literal('http'),
  ...requestFields,
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
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).default({}),
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
