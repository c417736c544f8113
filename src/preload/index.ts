import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { API_GLOBAL, invokeChannels, pushChannels, type GoNoGoApi } from '../shared/ipc'

// The renderer gets exactly one object, built from the shared contract: one method per invoke
// channel, one subscribe method per push channel, no generic invoke or listen, no ipcRenderer.
const api: Record<string, unknown> = {}
for (const [channel, def] of Object.entries(invokeChannels)) {
  api[def.method] = (request: unknown) => ipcRenderer.invoke(channel, request)
}
for (const [channel, def] of Object.entries(pushChannels)) {
  api[def.method] = (listener: (payload: unknown) => void) => {
    // The listener never sees the event object (it would hand the renderer `event.sender`).
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  }
}

contextBridge.exposeInMainWorld(API_GLOBAL, Object.freeze(api) as unknown as GoNoGoApi)
