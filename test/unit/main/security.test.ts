import { describe, expect, it } from 'vitest'
import {
  isSafeExternalUrl,
  isTrustedSender,
  permissionDecision,
  RENDERER_CSP,
  secureWebPreferences,
} from '../../../src/main/security'
import { readFileSync } from 'node:fs'

describe('window security policy', () => {
  it('sandboxes and isolates the renderer without Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs')
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    })
  })

  it('the CSP in index.html is the strict policy: no inline or eval script, no network', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(meta).toContain("script-src 'self'")
    expect(meta).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(meta).toContain("connect-src 'none'")
    expect(RENDERER_CSP).not.toMatch(/unsafe/)
  })

  it('opens only plain http(s) links externally', () => {
    expect(isSafeExternalUrl('https://docs.example.com/runbook')).toBe(true)
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false)
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false)
    expect(isSafeExternalUrl('https://user:pw@example.com/')).toBe(false)
    expect(isSafeExternalUrl('not a url')).toBe(false)
  })

  it('accepts IPC only from the app page in the main frame', () => {
    const app = 'file:///opt/gonogo/out/renderer/index.html'
    expect(isTrustedSender(app, true, app)).toBe(true)
    expect(isTrustedSender(`${app}#/cockpit`, true, app)).toBe(true)
    expect(isTrustedSender(app, false, app)).toBe(false)
    expect(isTrustedSender('https://evil.example/index.html', true, app)).toBe(false)
    expect(isTrustedSender('file:///tmp/evil.html', true, app)).toBe(false)
    expect(isTrustedSender(undefined, true, app)).toBe(false)
  })

  it('denies every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      expect(permissionDecision(p)).toBe(false)
  })
})
