import { createHash, randomBytes, X509Certificate } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { OID, toArrayBuffer } from './cms-profile'
import { chainCheck } from './chain'
import type { Check } from './verify-record'

/**
 * RFC 3161 signature time-stamps (PAdES B-T): a time-stamping authority signs the SHA-256 of the
 * CMS signature value, and the token travels as the signer's one unsigned attribute. The record's
 * time is then attested by someone other than its exporter.
 */

export class TimestampError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TimestampError'
  }
}

const TST_INFO = '1.2.840.113549.1.9.16.1.4'
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8'
const EXTENDED_KEY_USAGE = '2.5.29.37'
const HASHES: Record<string, string> = {
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
}
/** A time-stamp reply is a few kilobytes; a TSA that sends more is not one. */
const MAX_REPLY_BYTES = 64 * 1024

/** Ask the TSA at `url` for a token over `signatureValue`; checks the reply before using it. */
export async function requestTimestamp(
  url: string,
  signatureValue: Uint8Array,
  timeoutMs = 30_000,
): Promise<pkijs.ContentInfo> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TimestampError(`--tsa ${url}: not a URL`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new TimestampError(`--tsa ${url}: a time-stamping authority is reached over http(s)`)
  const imprint = createHash('sha256').update(signatureValue).digest()
  const nonce = randomBytes(8)
  nonce[0] = nonce[0]! & 0x7f // a positive INTEGER
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
    certReq: true,
  })
  let reply: Buffer
  try {
    const response = await fetch(parsed, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: Buffer.from(request.toSchema().toBER(false)),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    })
    if (!response.ok)
      throw new TimestampError(`--tsa ${url}: the TSA answered HTTP ${response.status}`)
    reply = Buffer.from(await response.arrayBuffer())
  } catch (e) {
    if (e instanceof TimestampError) throw e
    throw new TimestampError(
      `--tsa ${url}: no answer (${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)})`,
    )
  }
  if (reply.length > MAX_REPLY_BYTES)
    throw new TimestampError(`--tsa ${url}: the reply is ${reply.length} bytes, not a time-stamp`)
  let token: pkijs.ContentInfo | undefined
  let info: pkijs.TSTInfo
  try {
    const resp = pkijs.TimeStampResp.fromBER(toArrayBuffer(reply))
    const status = resp.status.status
    if (status !== 0 && status !== 1)
      throw new TimestampError(
        `--tsa ${url}: the TSA refused (status ${status}${resp.status.statusStrings?.length ? `: ${resp.status.statusStrings.map((s) => s.valueBlock.value).join(' ')}` : ''})`,
      )
    token = resp.timeStampToken
    if (!token) throw new TimestampError(`--tsa ${url}: the reply carries no token`)
    info = tstInfoOf(new pkijs.SignedData({ schema: token.content }))
  } catch (e) {
    if (e instanceof TimestampError) throw e
    throw new TimestampError(`--tsa ${url}: the reply is not an RFC 3161 time-stamp response`)
  }
  if (!Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(imprint))
    throw new TimestampError(`--tsa ${url}: the token stamps another message than the signature`)
  if (!info.nonce || !Buffer.from(info.nonce.valueBlock.valueHexView).equals(nonce))
    throw new TimestampError(`--tsa ${url}: the token does not answer this request (nonce)`)
  return token
}

function tstInfoOf(signedData: pkijs.SignedData): pkijs.TSTInfo {
  const encap = signedData.encapContentInfo
  if (encap.eContentType !== TST_INFO || !encap.eContent)
    throw new Error('the token does not carry a TSTInfo')
  return pkijs.TSTInfo.fromBER(encap.eContent.getValue())
}

export interface AttestedTime {
  time: Date
  authority: string
}

const nameOf = (cert: pkijs.Certificate) =>
  cert.subject.typesAndValues.map((tv) => String(tv.value.valueBlock.value)).join(', ')

/**
 * The signature time-stamp of `signerInfo`, checked: a SignedData TSTInfo token whose imprint is
 * the hash of the signature value, signed by a certificate that is a time-stamping authority
 * (critical extendedKeyUsage timeStamping only, RFC 3161 §2.3) and, with roots, chains to one.
 */
export async function timestampChecks(
  signerInfo: pkijs.SignerInfo,
  trusted: readonly Uint8Array[],
): Promise<{ checks: Check[]; attested?: AttestedTime }> {
  const attribute = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === OID.timeStampToken)
  if (!attribute) return { checks: [] }
  const fail = (text: string) => ({ checks: [{ ok: false, text: `time-stamp: ${text}` }] })
  try {
    const token = new pkijs.ContentInfo({ schema: attribute.values[0] })
    if (token.contentType !== OID.signedData) return fail('the token is not a SignedData')
    const signedData = new pkijs.SignedData({ schema: token.content })
    const info = tstInfoOf(signedData)
    const hash = HASHES[info.messageImprint.hashAlgorithm.algorithmId]
    if (!hash) return fail('the token uses an unknown imprint hash')
    const expected = createHash(hash).update(signerInfo.signature.valueBlock.valueHexView).digest()
    const imprintOk = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(
      expected,
    )
    if (!imprintOk)
      return fail('the token stamps another message than this signature value (it was swapped)')
    let verified = false
    let signer: pkijs.Certificate | undefined
    try {
      // For a TSTInfo, pkijs checks the imprint against `data` (here, the signature value) too.
      const result = await signedData.verify({
        signer: 0,
        data: toArrayBuffer(new Uint8Array(signerInfo.signature.valueBlock.valueHexView)),
        checkChain: false,
        extendedMode: true,
      })
      verified = result.signatureVerified === true
      signer = result.signerCertificate ?? undefined
    } catch {
      verified = false
    }
    if (!verified || !signer) return fail('the token’s signature does not verify (it was changed)')
    const eku = signer.extensions?.find((e) => e.extnID === EXTENDED_KEY_USAGE)
    const usages = new X509Certificate(Buffer.from(signer.toSchema().toBER(false))).keyUsage ?? []
    if (!eku?.critical || usages.length !== 1 || usages[0] !== TIME_STAMPING)
      return fail(
        `${nameOf(signer)} is not a time-stamping authority (extendedKeyUsage must be timeStamping alone, critical)`,
      )
    const authority = nameOf(signer)
    const checks: Check[] = [
      {
        ok: true,
        text: `time-stamped at ${info.genTime.toISOString()} by ${authority} (RFC 3161, over the signature value)`,
      },
    ]
    if (trusted.length > 0) {
      const carried = (signedData.certificates ?? []).filter(
        (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
      )
      checks.push(await chainCheck('the time-stamping authority', signer, carried, trusted))
    }
    return { checks, attested: { time: info.genTime, authority } }
  } catch (e) {
    return fail(`the token cannot be read (${e instanceof Error ? e.message : String(e)})`)
  }
}
