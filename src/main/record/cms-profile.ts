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
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecPublicKey: '1.2.840.10045.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  /** RFC 3161 signature time-stamp, an unsigned attribute (PAdES B-T). */
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const

/**
 * The signature algorithm for the signer's key, as pkijs' `sign` writes it: ECDSA with SHA-256
 * (the local CA's P-256 keys, an organisation's EC key) or RSASSA-PKCS1-v1_5 with SHA-256 (an
 * organisation's RSA key), without parameters. Any other key has no GoNoGo profile.
 */
export function signatureAlgorithmFor(signer: pkijs.Certificate): string | undefined {
  const key = signer.subjectPublicKeyInfo.algorithm.algorithmId
  if (key === OID.ecPublicKey) return OID.ecdsaWithSha256
  if (key === OID.rsaEncryption) return OID.sha256WithRsa
  return undefined
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

export interface SignedDataParts {
  /** The signer's certificate; the signer identifier is its issuer and serial number. */
  signer: pkijs.Certificate
  /** Every certificate carried, in order (the signer's first, then its issuer). */
  certificates: pkijs.Certificate[]
  signedAttributes: pkijs.Attribute[]
  /** The signature over the signed attributes; empty until signed. */
  signature?: ArrayBuffer
  /**
   * The unsigned attributes: none, or exactly one RFC 3161 signature time-stamp token (PAdES B-T)
   * over the signature value.
   */
  unsignedAttributes?: pkijs.Attribute[]
}

const sha256 = () =>
  new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() })

/**
 * SignedData version 1, detached id-data content, SHA-256, one signer (ECDSA P-256 or RSA)
 * identified by issuer and serial number, and at most a signature time-stamp as unsigned attribute. The values are the ones pkijs' `sign` fills in for such a key, so
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
        signatureAlgorithm: new pkijs.AlgorithmIdentifier({
          algorithmId: signatureAlgorithmFor(parts.signer) ?? OID.ecdsaWithSha256,
        }),
        signature: new asn1js.OctetString({ valueHex: parts.signature ?? new ArrayBuffer(0) }),
        ...(parts.unsignedAttributes?.length && {
          unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 1,
            attributes: parts.unsignedAttributes,
          }),
        }),
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
