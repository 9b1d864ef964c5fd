// The one module that owns ipcMain: registers a handler for every contract channel, refuses senders that
// are not the main frame of a window we created showing our own page, and forwards progress events to
// the sender. The handler logic itself lives in ./handlers.ts (Electron-free).
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNELS, PROGRESS_CHANNEL, type Channel, type ProgressEvent } from '@shared/contract'
import type { ErrorInfo, Result } from '@shared/errors'
import type { Handlers } from './handlers'
import { errorInfo, toErrorInfoSafe } from './handlers'
import { isAppUrl } from './security'

export interface SenderPolicy {
  /** True for the webContents ids of the windows this app created. */
  isOwnWebContents(id: number): boolean
  /** The URL of our page (file:// of out/renderer/index.html, or the dev server URL). */
  appUrl(): string
}

/** The parts of an invoke event the check reads (so tests can pass plain objects). */
export interface SenderLike {
  sender: { id: number }
  senderFrame: { url: string; parent: unknown | null } | null
}

export const FOREIGN_SENDER_ERROR: ErrorInfo = errorInfo('invalid_input', 'Request refused: it did not come from the License Desk window.', 'none')

export function isTrustedSender(event: SenderLike, policy: SenderPolicy): boolean {
  const frame = event.senderFrame
  if (!frame) return false // the frame navigated away or was destroyed
  if (frame.parent !== null) return false // a subframe
  if (!policy.isOwnWebContents(event.sender.id)) return false
  return isAppUrl(frame.url, policy.appUrl())
}

/** Registers every channel on ipcMain. Returns a function removing them again. */
export function registerIpc(ipcMain: IpcMain, handlers: Handlers, policy: SenderPolicy): () => void {
  for (const channel of CHANNELS) {
    const handler = handlers[channel] as (input: unknown, ctx: { sendProgress(e: ProgressEvent): void }) => Promise<Result<unknown>>
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Result<unknown>> => {
      try {
        if (!isTrustedSender(event as unknown as SenderLike, policy)) return { ok: false, error: FOREIGN_SENDER_ERROR }
        if (args.length > 1) {
          return { ok: false, error: errorInfo('invalid_input', 'Invalid request (too many arguments).', 'fix_input') }
        }
        const sender = event.sender
        return await handler(args[0], {
          sendProgress: (e) => {
            if (!sender.isDestroyed()) sender.send(PROGRESS_CHANNEL, e)
          }
        })
      } catch (e) {
        return { ok: false, error: toErrorInfoSafe(e) }
      }
    })
  }
  return () => {
    for (const channel of CHANNELS as Channel[]) ipcMain.removeHandler(channel)
  }
}
