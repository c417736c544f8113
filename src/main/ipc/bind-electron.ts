import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { invokeChannels, type Handlers } from '../../shared/ipc'
import { isTrustedSender } from '../security'
import { dispatch } from './dispatch'

/** Bind the handler table to Electron IPC: one wrapper validates the sender frame and the payload. */
export function bindHandlersToIpc(handlers: Handlers, appUrl: string): void {
  for (const channel of Object.keys(invokeChannels)) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame
      if (
        !isTrustedSender(frame?.url, frame !== null && frame === event.sender.mainFrame, appUrl)
      ) {
        throw new Error(`${channel}: refused a request from an untrusted frame`)
      }
      return dispatch(handlers, channel, payload)
    })
  }
}
