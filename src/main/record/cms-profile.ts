import { webcrypto } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

/**
 * The one shape of CMS SignedData a GoNoGo record carries, built in one place for the signer and
 * the verifier. Most of a SignedData is not covered by its signature (the outer content type,
 * version, digest algorithm set, encapsulated content type, signer identifier, algorithm
 * identifiers), so a verifier that only checks the signature passes a record whose unsigned
 * bytes were changed. The verifier rebuilds this shape from the parts that are signed or checked
 * (certificates, signed attributes, signature value) and requires the result to be the exact
 * bytes in the file.
 */

pkijs.setEngine(
  'node-webcrypto',
  new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }),
)

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

export interface SignedDataParts {
  /** The signer's certificate; the signer identifier is its issuer and serial number. */
  signer: pkijs.Certificate
  /** Every certificate carried, in order (the signer's first, then its issuer). */
  certificates: pkijs.Certificate[]
  signedAttributes: pkijs.Attribute[]
  /** The ECDSA signature over the signed attributes; empty until signed. */
  signature?: ArrayBuffer
}

const sha256 = () =>
  new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() })

/**
 * SignedData version 1, detached id-data content, SHA-256, one ECDSA P-256 signer identified by
 * issuer and serial number. The values are the ones pkijs' `sign` fills in for such a key, so
 * signing this object changes nothing but the signature.
 */
export function gonogoSignedData(parts: SignedDataParts): pkijs.SignedData {
  return new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: parts.signer.issuer,
          serialNumber: parts.signer.serialNumber,
        }),
        digestAlgorithm: sha256(),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: parts.signedAttributes,
        }),
        signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
        signature: new asn1js.OctetString({ valueHex: parts.signature ?? new ArrayBuffer(0) }),
      }),
    ],
    certificates: parts.certificates,
  })
}

/** The DER of ContentInfo { signedData, content } — the value of the PDF's /Contents. */
export function encodeSignedData(signedData: pkijs.SignedData): Buffer {
  const content = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  })
  return Buffer.from(content.toSchema().toBER(false))
}
