import canonicalize from 'canonicalize'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialization. Everything GoNoGo hashes or signs goes
 * through here, so the same value always yields the same bytes on every machine.
 * Values JSON cannot represent exactly (NaN, Infinity, undefined at the top level, functions,
 * bigint) are refused rather than silently turned into null.
 */
export function canonicalJson(value: unknown): string {
  assertJsonSafe(value, '$')
  const text = canonicalize(value)
  if (text === undefined) throw new Error('value cannot be canonicalized')
  return text
}

function assertJsonSafe(value: unknown, path: string): void {
  if (value === null) return
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${path}: ${value} is not representable in JSON`)
      return
    case 'object':
      if (Array.isArray(value)) {
        value.forEach((v, i) => assertJsonSafe(v, `${path}[${i}]`))
        return
      }
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== undefined) assertJsonSafe(v, `${path}.${k}`)
      }
      return
    default:
      throw new Error(`${path}: a ${typeof value} is not representable in JSON`)
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data))
}

/** SHA-256 (lower-case hex) of the canonical form of a value. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value))
}
