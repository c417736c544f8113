import type { Page } from '@playwright/test'
import { API_GLOBAL, invokeChannels, type Handlers } from '../../src/shared/ipc'
import { dispatch } from '../../src/main/ipc/dispatch'

/**
 * Test-only transport: gives the page the same `window.gonogo` object the preload builds (one
 * method per contract channel), but carries each call over a Playwright binding to the real
 * handler table in this Node process, through the same dispatch (schema checks included).
 * Every payload the renderer receives is recorded so tests can search it for secrets.
 */
export async function attachLoopback(
  page: Page,
  handlers: Handlers,
): Promise<{ payloads: string[] }> {
  const payloads: string[] = []
  await page.exposeBinding(
    '__gonogoLoopback',
    async (_source, channel: string, request: unknown) => {
      const response = await dispatch(handlers, channel, request)
      payloads.push(JSON.stringify(response))
      return response
    },
  )
  const methods = Object.entries(invokeChannels).map(
    ([channel, def]) => [channel, def.method] as const,
  )
  await page.addInitScript(
    ({ global, methods }) => {
      const bridge = (
        window as unknown as { __gonogoLoopback: (c: string, r: unknown) => Promise<unknown> }
      ).__gonogoLoopback
      const api: Record<string, (r: unknown) => Promise<unknown>> = {}
      for (const [channel, method] of methods) api[method] = (request) => bridge(channel, request)
      Object.defineProperty(window, global, { value: Object.freeze(api), writable: false })
    },
    { global: API_GLOBAL, methods },
  )
  return { payloads }
}
