import { describe, expect, it } from 'vitest'
import {
  hardenContents,
  hardenSession,
  type HardenableContents,
  type HardenableSession,
} from '../../../src/main/harden'

/** A stand-in for a WebContents that records what the hardening registers. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault: () => void }) => void>()
  let openHandler: ((details: { url: string }) => { action: string }) | undefined
  const contents = {
    on: (name: string, listener: (event: { preventDefault: () => void }) => void) => {
      listeners.set(name, listener)
      return contents
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler
    },
  }
  const fire = (name: string) => {
    let prevented = false
    listeners.get(name)?.({ preventDefault: () => (prevented = true) })
    return prevented
  }
  return {
    contents: contents as unknown as HardenableContents,
    fire,
    open: (url: string) => openHandler?.({ url }),
  }
}

describe('window hardening handlers', () => {
  it('prevents navigation, redirects and <webview> attachment', () => {
    const fake = fakeContents()
    hardenContents(fake.contents, () => undefined)
    expect(fake.fire('will-navigate')).toBe(true)
    expect(fake.fire('will-redirect')).toBe(true)
    expect(fake.fire('will-attach-webview')).toBe(true)
  })

  it('denies every new window; only safe http(s) links go to the system browser', () => {
    const fake = fakeContents()
    const opened: string[] = []
    hardenContents(fake.contents, (url) => opened.push(url))
    for (const url of [
      'https://docs.example.com/runbook',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@example.com/',
      'smb://share/x',
    ])
      expect(fake.open(url)).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://docs.example.com/runbook'])
  })

  it('answers every permission request and check with no', () => {
    let request: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | undefined
    let check: ((wc: unknown, permission: string) => boolean) | undefined
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    } as unknown as HardenableSession
    hardenSession(session)
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      let granted: boolean | undefined
      request?.(null, permission, (ok) => (granted = ok))
      expect(granted).toBe(false)
      expect(check?.(null, permission)).toBe(false)
    }
  })
})
