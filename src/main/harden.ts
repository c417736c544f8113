import type { Session, WebContents } from 'electron'
import { isSafeExternalUrl, permissionDecision } from './security'

/** The part of a WebContents the hardening touches (a fake one in tests). */
export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/** The part of a Session the hardening touches. */
export type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler'
>

/**
 * Every web contents: no navigation or redirect away from the app, no <webview>, no new windows.
 * A plain http(s) link the user opens goes to the system browser, after `isSafeExternalUrl`.
 */
export function hardenContents(
  contents: HardenableContents,
  openExternal: (url: string) => void,
): void {
  const prevent = (event: { preventDefault: () => void }) => event.preventDefault()
  contents.on('will-navigate', prevent)
  contents.on('will-redirect', prevent)
  contents.on('will-attach-webview', prevent)
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
}

/** Every permission request and check is answered no: the cockpit needs none. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permissionDecision(permission)),
  )
  session.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission))
}
