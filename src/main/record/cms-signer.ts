import { createHash, webcrypto } from 'node:crypto'
import { Signer } from '@signpdf/utils'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import type { SigningIdentity } from './identity'

/**
 * A PAdES baseline signature for @signpdf: CMS SignedData, detached, over the PDF's byte ranges,
 * with the signed attributes PAdES asks for — content type, message digest and
 * signing-certificate-v2 (the hash of the signer's certificate) — and no signing-time attribute
 * (PAdES puts the time in the signature dictionary's /M). One instance per signature.
 */

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const

pkijs.setEngine(
  'node-webcrypto',
  new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }),
)

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035; SHA-256 default). */
function signingCertificateV2(certificateDer: Uint8Array): asn1js.Sequence {
  const certHash = createHash('sha256').update(certificateDer).digest()
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.OctetString({ valueHex: new Uint8Array(certHash).buffer })],
          }),
        ],
      }),
    ],
  })
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

export class PadesSigner extends Signer {
  private used = false

  constructor(private readonly identity: SigningIdentity) {
    super()
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    if (this.used) throw new Error('a PadesSigner signs once; make a new one per signature')
    this.used = true
    const certificate = pkijs.Certificate.fromBER(toArrayBuffer(this.identity.certificate))
    const root = pkijs.Certificate.fromBER(toArrayBuffer(this.identity.root))
    const digest = createHash('sha256').update(pdfBuffer).digest()
    const signedData = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({
            issuer: certificate.issuer,
            serialNumber: certificate.serialNumber,
          }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({
                type: OID.contentType,
                values: [new asn1js.ObjectIdentifier({ value: OID.data })],
              }),
              new pkijs.Attribute({
                type: OID.messageDigest,
                values: [new asn1js.OctetString({ valueHex: new Uint8Array(digest).buffer })],
              }),
              new pkijs.Attribute({
                type: OID.signingCertificateV2,
                values: [signingCertificateV2(this.identity.certificate)],
              }),
            ],
          }),
        }),
      ],
      certificates: [certificate, root],
    })
    await signedData.sign(this.identity.privateKey, 0, 'SHA-256')
    const content = new pkijs.ContentInfo({
      contentType: OID.signedData,
      content: signedData.toSchema(true),
    })
    return Buffer.from(content.toSchema().toBER(false))
  }
}
