import { createHash, verify, X509Certificate } from 'node:crypto'
import * as asn1js from 'asn1js'
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFString,
  PDFHexString,
} from 'pdf-lib'
import * as pkijs from 'pkijs'
import { encodeSignedData, gonogoSignedData, OID, toArrayBuffer } from './cms-profile'
import { chainCheck } from './chain'
import { timestampChecks, type AttestedTime } from './timestamp'
import type { Check } from './verify-record'

/**
 * The PDF side of `gonogo verify`: one signature that covers the whole file, whose CMS verifies
 * (message digest over the signed ranges, signature over the signed attributes, the
 * signing-certificate-v2 hash), optionally chaining to a trusted root; and the attached files.
 */

interface SignatureLocation {
  range: [number, number, number, number]
  contents: Buffer
}

/** Every /ByteRange in the file (a signature dictionary each), with its /Contents. */
function findSignatures(pdf: Buffer): SignatureLocation[] | string {
  const text = pdf.toString('latin1')
  const out: SignatureLocation[] = []
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g
  for (const m of text.matchAll(re)) {
    const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [
      number,
      number,
      number,
      number,
    ]
    const [, b, c] = range
    if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e)
      return 'the signature byte range does not frame the /Contents value'
    const hex = text.slice(b + 1, c - 1)
    if (!/^[0-9a-fA-F]*$/.test(hex)) return 'the signature /Contents is not hex'
    // The value is the DER-encoded CMS followed by zero padding, nothing else: the padding sits
    // outside the signed range, so anything in it would pass the signature check unnoticed.
    const bytes = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex')
    const length = derLength(bytes)
    if (length === undefined || length > bytes.length)
      return 'the signature /Contents does not hold a DER-encoded CMS signature'
    if (bytes.subarray(length).some((byte) => byte !== 0))
      return 'the signature /Contents holds bytes after the CMS signature (it was changed after signing)'
    out.push({ range, contents: bytes.subarray(0, length) })
  }
  return out
}

/** The total length of the DER SEQUENCE at the start of `bytes` (tag, length, content). */
function derLength(bytes: Buffer): number | undefined {
  if (bytes[0] !== 0x30 || bytes.length < 2) return undefined
  const first = bytes[1]!
  if (first < 0x80) return 2 + first
  const count = first & 0x7f
  if (count === 0 || count > 4 || bytes.length < 2 + count) return undefined
  let length = 0
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!
  return 2 + count + length
}

export async function verifyPdfSignature(
  pdf: Buffer,
  trusted: readonly Uint8Array[] = [],
): Promise<Check[]> {
  return (await verifyPdfSignatureDetailed(pdf, trusted)).checks
}

/** The PDF's checks, and the time a time-stamping authority attests, if the signature has one. */
export async function verifyPdfSignatureDetailed(
  pdf: Buffer,
  trusted: readonly Uint8Array[] = [],
): Promise<{ checks: Check[]; attested?: AttestedTime }> {
  const found = findSignatures(pdf)
  if (typeof found === 'string') return { checks: [{ ok: false, text: `PDF signature: ${found}` }] }
  if (found.length !== 1)
    return {
      checks: [
        {
          ok: false,
          text: found.length
            ? `the PDF has ${found.length} signatures; a record has one`
            : 'the PDF is not signed',
        },
      ],
    }
  let attested: AttestedTime | undefined
  const checks = await signatureChecks(pdf, found[0]!, trusted, (t) => (attested = t))
  return { checks, ...(attested && { attested }) }
}

async function signatureChecks(
  pdf: Buffer,
  location: SignatureLocation,
  trusted: readonly Uint8Array[],
  onAttested: (time: AttestedTime) => void,
): Promise<Check[]> {
  const checks: Check[] = []
  const { range, contents } = location
  const [a, b, c, d] = range
  const whole = a === 0 && b < c && c + d === pdf.length
  checks.push({
    ok: whole,
    text: whole
      ? `the PDF signature covers the whole file (${pdf.length} bytes, the signature value excepted)`
      : c + d < pdf.length
        ? `${pdf.length - (c + d)} bytes follow the signed range: the file was changed or appended to after signing`
        : 'the PDF signature byte range does not cover the file',
  })
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)])
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(contents))
    const signedData = new pkijs.SignedData({ schema: info.content })
    const signerInfo = signedData.signerInfos[0]
    const certificates = (signedData.certificates ?? []).filter(
      (cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate,
    )
    let result: Pick<pkijs.SignedDataVerifyResult, 'signatureVerified' | 'signerCertificate'> & {
      message?: string
    }
    try {
      result = await signedData.verify({
        signer: 0,
        data: toArrayBuffer(signed),
        extendedMode: true,
        checkChain: false,
      })
    } catch (e) {
      // pkijs reports a changed document by throwing ("Message digest doesn't match").
      const message = (e as { message?: string }).message ?? String(e)
      result = {
        signatureVerified: false,
        message: message.replace(/^Error during verification: /, ''),
      }
    }
    const signer = result.signerCertificate
    const subject =
      signer?.subject.typesAndValues.map((tv) => String(tv.value.valueBlock.value)).join(', ') ??
      '?'
    checks.push({
      ok: result.signatureVerified === true,
      text: result.signatureVerified
        ? `the CMS signature verifies (ETSI.CAdES.detached, SHA-256) — signed by ${subject}`
        : `the CMS signature does not verify: the signed bytes changed (${result.message || 'bad signature'})`,
    })
    checks.push(
      profileCheck(contents, signedData, certificates, result.signerCertificate ?? certificates[0]),
    )
    checks.push(certificatesCheck(certificates, trusted))
    const attribute = signerInfo?.signedAttrs?.attributes.find(
      (x) => x.type === OID.signingCertificateV2,
    )
    const certHash = (() => {
      try {
        const value = attribute?.values[0] as asn1js.Sequence | undefined
        const certs = value?.valueBlock.value[0] as asn1js.Sequence
        const first = certs.valueBlock.value[0] as asn1js.Sequence
        const octets = first.valueBlock.value.find(
          (v) => v instanceof asn1js.OctetString,
        ) as asn1js.OctetString
        return Buffer.from(octets.valueBlock.valueHexView).toString('hex')
      } catch {
        return undefined
      }
    })()
    const expected = signer
      ? createHash('sha256')
          .update(Buffer.from(signer.toSchema().toBER(false)))
          .digest('hex')
      : undefined
    checks.push({
      ok: certHash !== undefined && certHash === expected,
      text:
        certHash === undefined
          ? 'no signing-certificate-v2 attribute (not a PAdES signature)'
          : certHash === expected
            ? 'signing-certificate-v2 names the signer certificate'
            : 'signing-certificate-v2 names another certificate than the signer’s',
    })
    if (signerInfo) {
      const stamped = await timestampChecks(signerInfo, trusted)
      checks.push(...stamped.checks)
      if (stamped.attested) onAttested(stamped.attested)
    }
    if (trusted.length > 0)
      checks.push(
        await chainCheck('the signer certificate', signer ?? undefined, certificates, trusted),
      )
  } catch (e) {
    checks.push({
      ok: false,
      text: `the PDF signature cannot be read: ${e instanceof Error ? e.message : String(e)}`,
    })
  }
  return checks
}

/**
 * The unsigned parts of the CMS (see cms-profile) rebuilt from its signed and checked parts must
 * be the bytes in the file: a changed algorithm identifier, version, content type or signer
 * identifier does not break the signature, so only this comparison notices it.
 */
function profileCheck(
  contents: Buffer,
  signedData: pkijs.SignedData,
  certificates: pkijs.Certificate[],
  signer: pkijs.Certificate | undefined,
): Check {
  const signerInfo = signedData.signerInfos[0]
  const expected =
    signer && signerInfo
      ? encodeSignedData(
          gonogoSignedData({
            signer,
            certificates,
            signedAttributes: signerInfo.signedAttrs?.attributes ?? [],
            signature: toArrayBuffer(signerInfo.signature.valueBlock.valueHexView),
            unsignedAttributes: allowedUnsigned(signerInfo),
          }),
        )
      : undefined
  if (expected?.equals(contents))
    return signer && signerInfo && !strictlyVerifies(signerInfo, signer)
      ? {
          ok: false,
          text: 'the CMS signature value is not strict DER (OpenSSL refuses it): it was changed after signing',
        }
      : { ok: true, text: 'every unsigned field of the CMS signature is as GoNoGo writes it' }
  let at = 0
  while (expected && at < contents.length && contents[at] === expected[at]) at++
  return {
    ok: false,
    text: expected
      ? `the CMS signature differs from what GoNoGo writes at byte ${at} of /Contents, outside what its signature covers: it was changed after signing`
      : 'the CMS signature names no signer certificate',
  }
}

/**
 * The unsigned attributes the profile admits: none, or one signature time-stamp with one token.
 * Anything else is left out of the rebuilt CMS, so the byte comparison refuses it.
 */
function allowedUnsigned(signerInfo: pkijs.SignerInfo): pkijs.Attribute[] | undefined {
  const attributes = signerInfo.unsignedAttrs?.attributes
  if (attributes?.length !== 1) return undefined
  const only = attributes[0]!
  return only.type === OID.timeStampToken && only.values.length === 1 ? attributes : undefined
}

/**
 * The ECDSA signature over the signed attributes, checked again by OpenSSL, which refuses a
 * signature value that is not strict DER. pkijs decodes it leniently: a changed length byte
 * inside the value can still give the same (r, s), and so pass.
 */
function strictlyVerifies(signerInfo: pkijs.SignerInfo, signer: pkijs.Certificate): boolean {
  // A copy: Buffer.from(ArrayBuffer) would share pkijs' bytes, and the tag changes below.
  const attributes = Buffer.from(new Uint8Array(signerInfo.signedAttrs?.encodedValue ?? []))
  if (attributes.length === 0) return false
  attributes[0] = 0x31 // signed as a SET OF, stored with the [0] tag (RFC 5652 §5.4)
  return strictly(() =>
    verify(
      'sha256',
      attributes,
      {
        key: new X509Certificate(Buffer.from(signer.toSchema().toBER(false))).publicKey,
        dsaEncoding: 'der',
      },
      Buffer.from(signerInfo.signature.valueBlock.valueHexView),
    ),
  )
}

/**
 * Each certificate the CMS carries is signed by its issuer, also carried (the root signs
 * itself). Chain validation only looks at the path it builds to the trusted root, so a changed
 * byte in the carried copy of the root would pass it. OpenSSL checks these signatures: pkijs
 * decodes signature values leniently (unused bits, inner lengths) where OpenSSL wants strict DER.
 */
function certificatesCheck(
  certificates: pkijs.Certificate[],
  trusted: readonly Uint8Array[],
): Check {
  const carried: X509Certificate[] = []
  try {
    for (const cert of certificates)
      carried.push(new X509Certificate(Buffer.from(cert.toSchema().toBER(false))))
  } catch (e) {
    return { ok: false, text: `a certificate in the CMS signature cannot be read: ${String(e)}` }
  }
  const roots = trusted.flatMap((der) => {
    try {
      return [new X509Certificate(der)]
    } catch {
      return []
    }
  })
  // An organisation's chain may stop below its root (the verifier holds the root): the one
  // certificate whose issuer is not carried must then be issued by a root given with --trust.
  let uncarried: X509Certificate | undefined
  for (const [index, cert] of carried.entries()) {
    const issuer =
      carried.find((candidate) => cert.checkIssued(candidate)) ??
      roots.find((candidate) => cert.checkIssued(candidate))
    if (!issuer && !uncarried && !cert.checkIssued(cert) && roots.length === 0) {
      uncarried = cert
      continue
    }
    if (!issuer || !strictly(() => cert.verify(issuer.publicKey)))
      return {
        ok: false,
        text: `certificate ${index + 1} of ${carried.length} in the CMS signature ${issuer ? 'does not verify under its issuer: it was changed' : 'has no issuer among the carried certificates or your --trust roots'}`,
      }
  }
  return {
    ok: carried.length > 0,
    text: !carried.length
      ? 'the CMS signature carries no certificate'
      : uncarried
        ? `the ${carried.length} certificates carried with the signature each verify under their issuer, but for the top one, issued by ${uncarried.issuer.replace(/\n/g, ', ')}: pass --trust with that root to check it`
        : `the ${carried.length} certificates carried with the signature each verify under their issuer`,
  }
}

/** OpenSSL throws on some malformed input where it means "does not verify". */
function strictly(check: () => boolean): boolean {
  try {
    return check()
  } catch {
    return false
  }
}

/** The files attached to the PDF (the EmbeddedFiles name tree), by name. */
export async function attachedFiles(pdf: Buffer): Promise<Map<string, Buffer>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: true })
  const out = new Map<string, Buffer>()
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)
  const embedded = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict)
  const visit = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 8) return
    const list = node.lookupMaybe(PDFName.of('Names'), PDFArray)
    for (let i = 0; list && i + 1 < list.size(); i += 2) {
      const key = list.lookup(i)
      const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : ''
      const spec = list.lookup(i + 1, PDFDict)
      const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict)
      const stream = ef?.lookup(PDFName.of('F'))
      if (stream instanceof PDFRawStream)
        out.set(name, Buffer.from(decodePDFRawStream(stream).decode()))
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
    for (let i = 0; kids && i < kids.size(); i++) visit(kids.lookup(i, PDFDict), depth + 1)
  }
  visit(embedded, 0)
  return out
}
