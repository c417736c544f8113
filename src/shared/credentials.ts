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

const PEM_PRIVATE_KEY =
  /-----BEGIN (EC |RSA )?PRIVATE KEY-----[\s\S]+-----END (EC |RSA )?PRIVATE KEY-----/

/** The fields of each credential kind, as stored (one JSON value per credential). */
export const CREDENTIAL_FIELDS = {
  token: z.strictObject({ token: z.string().min(1) }),
  basic: z.strictObject({ user: z.string().min(1), password: z.string().min(1) }),
  header: z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9-]+$/, { message: 'expected an HTTP header name' }),
    value: z.string().min(1),
  }),
  'appstore-connect': z.strictObject({
    issuerId: z.string().min(1),
    keyId: z
      .string()
      .regex(/^[A-Z0-9]{10}$/, { message: 'expected a 10-character key id, e.g. 2X9R4HXF34' }),
    privateKey: z
      .string()
      .regex(PEM_PRIVATE_KEY, { message: 'expected the .p8 file content (a PEM private key)' }),
    /** App Store Server API tokens carry the app's bundle id. */
    bundleId: z.string().optional(),
  }),
  'google-service-account': z.looseObject({
    type: z.literal('service_account'),
    client_email: z.email(),
    private_key: z.string().regex(PEM_PRIVATE_KEY, { message: 'expected a PEM private key' }),
    token_uri: z.url().optional(),
  }),
  'signing-key': z.strictObject({
    privateKey: z
      .string()
      .regex(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, { message: 'expected a private key' }),
  }),
} as const satisfies Record<CredentialKind, z.ZodType>

export type CredentialFields<K extends CredentialKind> = z.infer<(typeof CREDENTIAL_FIELDS)[K]>

/** What the keychain holds for one credential. */
export const StoredCredentialSchema = z.object({
  v: z.literal(1),
  kind: CredentialKindSchema,
  fields: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
  verifiedAt: z.string().optional(),
})
export type StoredCredential = z.infer<typeof StoredCredentialSchema>

/** Check a credential's fields for its kind; the message names the field, never its value. */
export function parseCredentialFields(
  kind: CredentialKind,
  fields: unknown,
): { ok: true; fields: Record<string, unknown> } | { ok: false; message: string } {
  const parsed = CREDENTIAL_FIELDS[kind].safeParse(fields)
  if (parsed.success) return { ok: true, fields: parsed.data as Record<string, unknown> }
  const issue = parsed.error.issues[0]
  return {
    ok: false,
    message: `${kind}: ${issue?.path.map(String).join('.') || 'value'}: ${issue?.message ?? 'invalid'}`,
  }
}

/** One input of the credential form: secrets are typed or read from a file, never shown back. */
export interface CredentialFormField {
  key: string
  label: string
  secret: boolean
  optional?: boolean
  /** Long values (PEM keys, JSON key files) get a text area and a file picker accepting these. */
  file?: string
}

export const CREDENTIAL_FORMS: Record<CredentialKind, readonly CredentialFormField[]> = {
  token: [{ key: 'token', label: 'Token', secret: true }],
  basic: [
    { key: 'user', label: 'User', secret: false },
    { key: 'password', label: 'Password', secret: true },
  ],
  header: [
    { key: 'name', label: 'Header name', secret: false },
    { key: 'value', label: 'Header value', secret: true },
  ],
  'appstore-connect': [
    { key: 'issuerId', label: 'Issuer ID', secret: false },
    { key: 'keyId', label: 'Key ID', secret: false },
    { key: 'bundleId', label: 'Bundle ID (App Store Server API)', secret: false, optional: true },
    { key: 'privateKey', label: 'Private key (.p8)', secret: true, file: '.p8,.pem' },
  ],
  'google-service-account': [
    { key: 'keyFile', label: 'Service account key (JSON)', secret: true, file: '.json' },
  ],
  'signing-key': [{ key: 'privateKey', label: 'Private key', secret: true, file: '.pem,.key,*' }],
}

/**
 * What the form collected → the fields stored for the kind: empty optional inputs are left out,
 * and a Google key file is unpacked from its JSON. Messages never quote a value.
 */
export function credentialFieldsFromForm(
  kind: CredentialKind,
  values: Readonly<Record<string, string>>,
): { ok: true; fields: Record<string, string> } | { ok: false; message: string } {
  const fields: Record<string, string> = {}
  for (const field of CREDENTIAL_FORMS[kind]) {
    const value = values[field.key] ?? ''
    if (value.trim() === '') {
      if (field.optional) continue
      return { ok: false, message: `${field.label} is required` }
    }
    fields[field.key] = field.secret ? value.replace(/\r?\n$/, '') : value.trim()
  }
  if (kind !== 'google-service-account') return { ok: true, fields }
  let parsed: unknown
  try {
    parsed = JSON.parse(fields.keyFile ?? '')
  } catch {
    return {
      ok: false,
      message: 'the service account key is not JSON (pick the downloaded .json key file)',
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return { ok: false, message: 'the service account key is not a JSON object' }
  const unpacked: Record<string, string> = {}
  for (const [key, value] of Object.entries(parsed))
    if (typeof value === 'string') unpacked[key] = value
  return { ok: true, fields: unpacked }
}
