import { contextBridge, ipcRenderer } from 'electron'
import { API_GLOBAL, invokeChannels, type GoNoGoApi } from '../shared/ipc'

// The renderer gets exactly one object, built from the shared contract: one method per channel,
// no generic invoke, no access to ipcRenderer itself.
const api: Record<string, (request: unknown) => Promise<unknown>> = {}
for (const [channel, def] of Object.entries(invokeChannels)) {
  api[def.method] = (request: unknown) => ipcRenderer.invoke(channel, request)
}

contextBridge.exposeInMainWorld(API_GLOBAL, Object.freeze(api) as unknown as GoNoGoApi)
