import { z } from 'zod'
import { CanarySpecSchema } from '../canary/spec'
import { CredentialKindSchema, CredentialNameSchema } from '../credentials'
import { UserPresetSchema } from '../presets/format'
import { DurationSchema } from './duration'
import { ProbeSchema } from './probes'

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
export const IdSchema = z.string().regex(ID_PATTERN, {
  message:
    'expected an id: letters, digits, ".", "_" or "-" (at most 64), starting with a letter or digit',
})

export const ITEM_STATUSES = ['pass', 'fail', 'na', 'waived', 'pending'] as const
export const ItemStatusSchema = z.enum(ITEM_STATUSES)
export type ItemStatus = z.infer<typeof ItemStatusSchema>

/** The state an imported checklist claimed for an item (a status cell, `- [x]`). */
export const InitialStatusSchema = z.enum(['pass', 'fail', 'na', 'pending'])

export const ItemSchema = z.strictObject({
  id: IdSchema,
  title: z.string().min(1),
  owner: z.string().min(1).optional(),
  blocking: z.boolean().default(true),
  notes: z.string().optional().describe('Acceptance criteria and notes'),
  freshness: DurationSchema.optional().describe(
    'How long a probe result stays valid (default: plan freshness)',
  ),
  initial: InitialStatusSchema.optional().describe('State claimed by the imported checklist'),
  parent: IdSchema.optional().describe(
    'Id of an earlier item of the same phase this one is nested under (a sub-task)',
  ),
  probe: ProbeSchema.optional(),
  canary: CanarySpecSchema.optional().describe(
    'Canary analysis: metrics of the canary against thresholds and the baseline',
  ),
})

export const PhaseSchema = z.strictObject({
  id: IdSchema,
  title: z.string().min(1),
  notes: z.string().optional().describe('Acceptance notes: validation goals, exit criteria'),
  items: z.array(ItemSchema),
})

export const VarNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  message: 'expected a variable name (letters, digits, _)',
})

export const VarSchema = z.union([
  z.string().describe('Default value'),
  z.strictObject({ default: z.string().optional(), description: z.string().optional() }),
])

export const CredentialRefSchema = z.strictObject({
  kind: CredentialKindSchema,
  help: z.string().optional().describe('Where to get it and which minimal permission it needs'),
})

/** An environment's name as `--env NAME` takes it: short, lower-case, shell- and file-safe. */
export const EnvironmentNameSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, {
  message:
    'expected an environment name: lower-case letters, digits, "_" or "-" (at most 32), starting with a letter',
})

export const EnvironmentSchema = z.strictObject({
  description: z.string().optional(),
  vars: z
    .record(VarNameSchema, z.string())
    .default({})
    .describe('Values for declared vars in this environment (over their defaults)'),
})

/** A role that names who may sign for it (see roles.ts); a plain string role is unpinned. */
export const RoleSchema = z.strictObject({
  name: z.string().min(1),
  signers: z
    .array(z.string().min(1))
    .optional()
    .describe('Public keys that may sign for the role (allowed_signers or authorized_keys lines)'),
  signersFile: z
    .string()
    .min(1)
    .optional()
    .describe('An allowed_signers file, relative to the plan; its keys join signers when loaded'),
  quorum: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Distinct pinned keys that must sign the current digest (default 1)'),
  notes: z.string().optional(),
})

export const PlanSchema = z.strictObject({
  version: z.literal(1).default(1),
  name: z.string().min(1),
  description: z.string().optional(),
  notes: z.string().optional().describe('Plan-level acceptance: success and exit criteria'),
  freshness: DurationSchema.default('15m'),
  vars: z.record(VarNameSchema, VarSchema).default({}),
  roles: z
    .array(z.union([z.string().min(1), RoleSchema]))
    .default([])
    .describe('Roles that must sign off before GO'),
  credentials: z.record(CredentialNameSchema, CredentialRefSchema).default({}),
  // Optional without a default: a plan that declares none keeps the hash it always had.
  environments: z
    .record(EnvironmentNameSchema, EnvironmentSchema)
    .optional()
    .describe('Rehearsal and production environments: the same plan with other var values'),
  presets: z
    .array(z.string().min(1))
    .optional()
    .describe('Preset files or folders (relative to the plan) adding presets to the built-in ones'),
  // Written by GoNoGo when it loads a plan, never by hand (a plan file that has it is refused):
  // the user presets the plan's probes use, read from its preset files, so that the plan hash,
  // the session and the record cover what they do. Absent without user presets, so a plan
  // without them keeps the hash it always had.
  userPresets: z.array(UserPresetSchema).optional(),
  phases: z.array(PhaseSchema).min(1, { message: 'expected at least one phase' }),
})

export type Plan = z.infer<typeof PlanSchema>
export type PlanInput = z.input<typeof PlanSchema>
export type Phase = z.infer<typeof PhaseSchema>
export type Role = z.infer<typeof RoleSchema>
export type Item = z.infer<typeof ItemSchema>
export type Environment = z.infer<typeof EnvironmentSchema>
