import {
  invokeChannels,
  IpcRequestError,
  parseRequest,
  type Handlers,
  type InvokeChannel,
} from '../../shared/ipc'

/**
 * The single entry point every transport goes through: check the channel exists, parse the
 * request with its schema, run the handler, and validate what it returns. A payload that fails its
 * schema is rejected before any handler code runs.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  payload: unknown,
): Promise<unknown> {
  if (!Object.hasOwn(invokeChannels, channel)) throw new IpcRequestError(channel, 'unknown channel')
  const name = channel as InvokeChannel
  const request = parseRequest(name, payload)
  const handler = handlers[name] as (req: unknown) => Promise<unknown>
  const response = await handler(request)
  const checked = invokeChannels[name].response.safeParse(response)
  if (!checked.success)
    throw new IpcRequestError(
      channel,
      'the handler produced a response that does not match the contract',
    )
  return checked.data
}
