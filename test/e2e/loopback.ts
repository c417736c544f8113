import type { Page } from '@playwright/test'
import {
  API_GLOBAL,
  invokeChannels,
  pushChannels,
  type Handlers,
  type Publish,
} from '../../src/shared/ipc'
import { dispatch } from '../../src/main/ipc/dispatch'

const DELIVER = '__gonogoDeliver'

/**
 * Test-only transport: gives the page the same `window.gonogo` object the preload builds (one
 * method per invoke channel, one subscribe method per push channel), but carries each call over a
 * Playwright binding to the real handler table in this Node process, through the same dispatch
 * (schema checks included), and delivers main's pushes in order with `page.evaluate`.
 * Every payload the renderer receives is recorded so tests can search it for secrets.
 */
export async function attachLoopback(
  page: Page,
  handlers: Handlers,
): Promise<{ payloads: string[]; publish: Publish }> {
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
  const pushes = Object.entries(pushChannels).map(
    ([channel, def]) => [channel, def.method] as const,
  )
  await page.addInitScript(
    ({ global, methods, pushes, deliver }) => {
      const bridge = (
        window as unknown as { __gonogoLoopback: (c: string, r: unknown) => Promise<unknown> }
      ).__gonogoLoopback
      const api: Record<string, unknown> = {}
      for (const [channel, method] of methods)
        api[method] = (request: unknown) => bridge(channel, request)
      const listeners = new Map<string, Set<(payload: unknown) => void>>()
      for (const [channel, method] of pushes) {
        listeners.set(channel, new Set())
        api[method] = (listener: (payload: unknown) => void) => {
          listeners.get(channel)!.add(listener)
          return () => listeners.get(channel)!.delete(listener)
        }
      }
      Object.defineProperty(window, deliver, {
        value: (channel: string, payload: unknown) => {
          for (const listener of listeners.get(channel) ?? []) listener(payload)
        },
      })
      Object.defineProperty(window, global, { value: Object.freeze(api), writable: false })
    },
    { global: API_GLOBAL, methods, pushes, deliver: DELIVER },
  )
  // Pushes are delivered in order, as IPC would, and never reject into main's code. Those that
  // arrive while a delivery is in flight go together in the next one: each `page.evaluate` is a
  // DevTools round trip that costs far more than an IPC message, and one per push (100 probe
  // results a second) made this transport, not the app, set the pace of a busy window.
  let waiting: (readonly [string, string])[] = []
  let delivering = false
  const deliver = async () => {
    delivering = true
    while (waiting.length > 0) {
      const batch = waiting
      waiting = []
      await page
        .evaluate(
          ([name, items]) => {
            const receive = (window as unknown as Record<string, (c: string, p: unknown) => void>)[
              name
            ]
            for (const [c, p] of items) receive?.(c, JSON.parse(p))
          },
          [DELIVER, batch] as const,
        )
        .catch(() => undefined)
    }
    delivering = false
  }
  // The payload travels as one JSON string (Electron's structured clone is as cheap; Playwright's
  // own argument encoding of a 1,000-item session view is not, and would be measured instead).
  const publish: Publish = (channel, payload) => {
    const json = JSON.stringify(payload)
    payloads.push(json)
    waiting.push([channel, json])
    if (!delivering) void deliver()
  }
  return { payloads, publish }
}
