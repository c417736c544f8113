import { createHash } from 'node:crypto'
import { Signer } from '@signpdf/utils'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { encodeSignedData, gonogoSignedData, OID, toArrayBuffer } from './cms-profile'
import type { SigningIdentity } from './identity'
import { requestTimestamp } from './timestamp'

/**
 * A PAdES baseline signature for @signpdf: CMS SignedData, detached, over the PDF's byte ranges,
 * with the signed attributes PAdES asks for — content type, message digest and
 * signing-certificate-v2 (the hash of the signer's certificate) — and no signing-time attribute
 * (PAdES puts the time in the signature dictionary's /M). One instance per signature.
 */

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

export class PadesSigner extends Signer {
  private used = false

  /** `tsa`: an RFC 3161 time-stamping authority's URL, for a signature time-stamp (PAdES B-T). */
  constructor(
    private readonly identity: SigningIdentity,
    private readonly tsa?: string,
  ) {
    super()
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    if (this.used) throw new Error('a PadesSigner signs once; make a new one per signature')
    this.used = true
    const certificate = pkijs.Certificate.fromBER(toArrayBuffer(this.identity.certificate))
    const chain = this.identity.chain.map((der) => pkijs.Certificate.fromBER(toArrayBuffer(der)))
    const digest = createHash('sha256').update(pdfBuffer).digest()
    const signedData = gonogoSignedData({
      signer: certificate,
      certificates: [certificate, ...chain],
      signedAttributes: [
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
    })
    await signedData.sign(this.identity.privateKey, 0, 'SHA-256')
    const signerInfo = signedData.signerInfos[0]!
    if (this.tsa) {
      const token = await requestTimestamp(
        this.tsa,
        new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
      )
      // The profile's one unsigned attribute (cms-profile): the token over the signature value.
      signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
        type: 1,
        attributes: [new pkijs.Attribute({ type: OID.timeStampToken, values: [token.toSchema()] })],
      })
    }
    return encodeSignedData(signedData)
  }
}
