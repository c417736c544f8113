import { createHash, createPrivateKey } from 'node:crypto'
import { importPKCS8, SignJWT } from 'jose'
import { request } from 'undici'
import { z } from 'zod'
import { ProbeFailure, describeNetworkError } from './failures'
import type { ProbeCredential } from './secrets'

/** Headers a credential adds to a request, and the secret strings to keep out of evidence. */
export interface Authorization {
  headers: Record<string, string>
  secrets: string[]
}

const APP_STORE_AUDIENCE = 'appstoreconnect-v1'
/** Apple accepts at most 20 minutes; stay under it and refresh a minute early. */
const APP_STORE_LIFETIME_S = 19 * 60
export const ANDROID_PUBLISHER_SCOPE = 'https://www.googleapis.com/auth/androidpublisher'
const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token'

const cache = new Map<string, { value: string; expiresAt: number }>()

/** Tokens are cached per key material too: a replaced key must not reuse the old key's token. */
function fingerprint(privateKey: unknown): string {
  return createHash('sha256').update(String(privateKey)).digest('base64url').slice(0, 16)
}

function cached(key: string): string | undefined {
  const hit = cache.get(key)
  if (hit && hit.expiresAt - 60_000 > Date.now()) return hit.value
  cache.delete(key)
  return undefined
}

/**
 * ES256 JWT for the App Store Connect API, or, with a bundle id (the probe's, else the
 * credential's), for the App Store Server API, which wants it as `bid`.
 */
export async function appStoreConnectToken(
  fields: Record<string, unknown>,
  bundleId?: string,
): Promise<string> {
  const bid = bundleId ?? (typeof fields.bundleId === 'string' ? fields.bundleId : undefined)
  const key = `asc:${String(fields.issuerId)}:${String(fields.keyId)}:${bid ?? ''}:${fingerprint(fields.privateKey)}`
  const hit = cached(key)
  if (hit) return hit
  const now = Math.floor(Date.now() / 1000)
  const privateKey = await importPKCS8(normalizePkcs8(String(fields.privateKey)), 'ES256')
  const jwt = await new SignJWT({ ...(bid !== undefined && { bid }) })
    .setProtectedHeader({ alg: 'ES256', kid: String(fields.keyId), typ: 'JWT' })
    .setIssuer(String(fields.issuerId))
    .setIssuedAt(now)
    .setExpirationTime(now + APP_STORE_LIFETIME_S)
    .setAudience(APP_STORE_AUDIENCE)
    .sign(privateKey)
  cache.set(key, { value: jwt, expiresAt: (now + APP_STORE_LIFETIME_S) * 1000 })
  return jwt
}

const GoogleTokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string(),
})

/** OAuth access token for a Google service account: an RS256 assertion exchanged at the token endpoint. */
export async function googleAccessToken(
  fields: Record<string, unknown>,
  scope = ANDROID_PUBLISHER_SCOPE,
  signal?: AbortSignal,
): Promise<{ token: string; assertion?: string }> {
  const tokenUri = String(fields.token_uri ?? GOOGLE_TOKEN_URI)
  const key = `google:${String(fields.client_email)}:${scope}:${tokenUri}:${fingerprint(fields.private_key)}`
  const hit = cached(key)
  if (hit) return { token: hit }
  const now = Math.floor(Date.now() / 1000)
  const privateKey = await importPKCS8(normalizePkcs8(String(fields.private_key)), 'RS256')
  const assertion = await new SignJWT({ scope })
    .setProtectedHeader({
      alg: 'RS256',
      typ: 'JWT',
      ...(typeof fields.private_key_id === 'string' && { kid: fields.private_key_id }),
    })
    .setIssuer(String(fields.client_email))
    .setAudience(tokenUri)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(privateKey)
  let status: number
  let text: string
  try {
    const res = await request(tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      }).toString(),
      ...(signal && { signal }),
    })
    status = res.statusCode
    text = await res.body.text()
  } catch (e) {
    throw new ProbeFailure(`Google token exchange: ${describeNetworkError(e, tokenUri, signal)}`)
  }
  if (status !== 200) {
    const error =
      /"error_description"\s*:\s*"([^"]*)"/.exec(text)?.[1] ??
      /"error"\s*:\s*"([^"]*)"/.exec(text)?.[1] ??
      `HTTP ${status}`
    throw new ProbeFailure(
      `Google token exchange refused the service account (HTTP ${status}): ${error}`,
    )
  }
  const parsed = GoogleTokenResponse.safeParse(JSON.parse(text))
  if (!parsed.success)
    throw new ProbeFailure('Google token exchange answered without an access_token')
  cache.set(key, {
    value: parsed.data.access_token,
    expiresAt: Date.now() + parsed.data.expires_in * 1000,
  })
  return { token: parsed.data.access_token, assertion }
}

/** PKCS#8 is what jose imports; accept a SEC1 "EC PRIVATE KEY" or PKCS#1 RSA key by converting it. */
function normalizePkcs8(pem: string): string {
  if (pem.includes('BEGIN PRIVATE KEY')) return pem
  return createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' }).toString()
}

/** How each credential kind authenticates a request. */
export async function authorize(
  credential: ProbeCredential,
  options: { bundleId?: string; signal?: AbortSignal } = {},
): Promise<Authorization> {
  const { signal } = options
  const f = credential.fields
  switch (credential.kind) {
    case 'token':
      return { headers: { authorization: `Bearer ${String(f.token)}` }, secrets: [String(f.token)] }
    case 'basic': {
      const pair = `${String(f.user)}:${String(f.password)}`
      const encoded = Buffer.from(pair).toString('base64')
      return {
        headers: { authorization: `Basic ${encoded}` },
        secrets: [String(f.password), encoded, pair],
      }
    }
    case 'header':
      return {
        headers: { [String(f.name).toLowerCase()]: String(f.value) },
        secrets: [String(f.value)],
      }
    case 'appstore-connect': {
      const jwt = await appStoreConnectToken(f, options.bundleId)
      return { headers: { authorization: `Bearer ${jwt}` }, secrets: [jwt] }
    }
    case 'google-service-account': {
      const { token, assertion } = await googleAccessToken(f, ANDROID_PUBLISHER_SCOPE, signal)
      return {
        headers: { authorization: `Bearer ${token}` },
        secrets: [token, ...(assertion ? [assertion] : [])],
      }
    }
    case 'signing-key':
      throw new ProbeFailure(
        `credential \`${credential.name}\` is a signing key; it cannot authenticate requests`,
      )
  }
}

/** The value `${secrets.NAME}` stands for: a token, a header value or a password. */
export function placeholderValue(credential: ProbeCredential): string {
  const f = credential.fields
  switch (credential.kind) {
    case 'token':
      return String(f.token)
    case 'header':
      return String(f.value)
    case 'basic':
      return String(f.password)
    default:
      throw new ProbeFailure(
        `\${secrets.${credential.name}} cannot stand for a ${credential.kind} credential; use auth: { credential: ${credential.name} }`,
      )
  }
}

/** Forget cached tokens (tests). */
export function clearAuthCache(): void {
  cache.clear()
}
