/**
 * Window security policy, kept free of Electron imports so it is unit-tested under Node.
 * Follows Electron's security checklist: sandboxed, context-isolated renderer without Node,
 * no navigation, no new windows, no permissions, no webviews, IPC only from our own main frame.
 */

export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    // Middle-click opens links in new windows; the window-open handler denies those anyway.
    disableBlinkFeatures: 'Auxclick',
  } as const
}

/** Links the user clicks may open in the system browser: plain http(s) with a host, no credentials. */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === ''
  )
}

/** IPC is accepted only from the app's own page loaded in the top frame. */
export function isTrustedSender(
  frameUrl: string | undefined,
  isMainFrame: boolean,
  appUrl: string,
): boolean {
  if (!isMainFrame || !frameUrl) return false
  try {
    const frame = new URL(frameUrl)
    const app = new URL(appUrl)
    return (
      frame.protocol === app.protocol && frame.host === app.host && frame.pathname === app.pathname
    )
  } catch {
    return false
  }
}

/** Every permission (camera, notifications from web content, geolocation, …) is refused. */
export function permissionDecision(_permission: string): boolean {
  return false
}
