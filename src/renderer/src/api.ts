import type { GoNoGoApi } from '../../shared/ipc'

/** The preload's API object; the renderer never talks to main (or the network) any other way. */
export function api(): GoNoGoApi {
  const value = window.gonogo
  if (!value) throw new Error('GoNoGo API is not available: the preload script did not run')
  return value
}
