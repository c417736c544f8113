import { describe, expect, it } from 'vitest'
import { credentialFieldsFromForm } from '../../../src/shared/credentials'

describe('credential form → stored fields', () => {
  it('keeps required inputs, drops empty optional ones, trims names but not secrets', () => {
    expect(
      credentialFieldsFromForm('appstore-connect', {
        issuerId: ' 69a6de70 ',
        keyId: '2X9R4HXF34',
        bundleId: '',
        privateKey: '-----BEGIN PRIVATE KEY-----\n abc \n-----END PRIVATE KEY-----\n',
      }),
    ).toEqual({
      ok: true,
      fields: {
        issuerId: '69a6de70',
        keyId: '2X9R4HXF34',
        privateKey: '-----BEGIN PRIVATE KEY-----\n abc \n-----END PRIVATE KEY-----',
      },
    })
    expect(credentialFieldsFromForm('basic', { user: 'ops', password: '' })).toEqual({
      ok: false,
      message: 'Password is required',
    })
  })

  it('unpacks a Google key file, and refuses one that is not JSON without quoting it', () => {
    const key = {
      type: 'service_account',
      project_id: 'acme-prod',
      client_email: 'bot@acme-prod.iam.gserviceaccount.com',
      private_key: '-----BEGIN PRIVATE KEY-----\nSECRET\n-----END PRIVATE KEY-----\n',
    }
    expect(
      credentialFieldsFromForm('google-service-account', { keyFile: JSON.stringify(key) }),
    ).toEqual({ ok: true, fields: key })
    const broken = credentialFieldsFromForm('google-service-account', {
      keyFile: '{"private_key": "SECRET_CANARY"',
    })
    expect(broken).toEqual({
      ok: false,
      message: 'the service account key is not JSON (pick the downloaded .json key file)',
    })
  })
})
