import { ipcMain, type WebContents } from 'electron'
import { channels } from '../../src-preload/contract'
import { createDispatcher } from '../contract-dispatch'
import type { Studio } from '../studio'

/** One ipcMain handler per contract channel; only frames of our own app may call them. */
export function registerIpc(studio: Studio, isOwnFrame: (url: string) => boolean): () => void {
  const dispatch = createDispatcher(studio.handlers)
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!event.senderFrame || !isOwnFrame(event.senderFrame.url)) {
        return { ok: false, error: { code: 'forbidden', message: 'request from an unknown frame' } }
      }
      return dispatch(channel, payload)
    })
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel))
}

/** Forwards the core's events to a window for as long as it lives. */
export function forwardEvents(studio: Studio, contents: WebContents): void {
  const unsubscribe = studio.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(event, payload)
  })
  contents.once('destroyed', unsubscribe)
}
