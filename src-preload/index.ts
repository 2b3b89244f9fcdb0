/**
 * Sandboxed preload: exposes the contract's channels and nothing else. The renderer's api.ts turns
 * `studioIpc` into the typed `StudioApi`, exactly as it does for the bridge.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { isChannel, isEventName, type WireReply } from './contract'

const studioIpc = {
  invoke(channel: string, payload: unknown): Promise<WireReply> {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `unknown request: ${channel}` } })
    return ipcRenderer.invoke(channel, payload) as Promise<WireReply>
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`unknown event: ${event}`)
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(event, wrapped)
    return () => ipcRenderer.removeListener(event, wrapped)
  }
}

const studioHost = {
  door: 'electron' as const,
  mediaBase: 'studio://app/media/',
  pathForFile: (file: File): string => webUtils.getPathForFile(file)
}

contextBridge.exposeInMainWorld('studioIpc', studioIpc)
contextBridge.exposeInMainWorld('studioHost', studioHost)
