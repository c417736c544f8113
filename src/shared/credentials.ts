import { z } from 'zod'

/** Credential kinds a plan may reference. Values never appear in a plan, only names and kinds. */
export const CREDENTIAL_KINDS = [
  'token',
  'basic',
  'header',
  'appstore-connect',
  'google-service-account',
  'signing-key',
] as const

export const CredentialKindSchema = z.enum(CREDENTIAL_KINDS)
export type CredentialKind = z.infer<typeof CredentialKindSchema>

/** Credential names double as keychain account names and environment variable suffixes. */
export const CredentialNameSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, {
  message:
    'expected a credential name: lower-case letters, digits, "_" or "-", starting with a letter',
})
