/**
 * The renderer's one way out. Inside Electron the preload has put `window.studioIpc` and `window.studioHost`
 * on the page; in a browser served by the local bridge neither exists and we talk to the bridge instead.
 * Either way the same typed `studio` object is built over it.
 */
import type { ImportReport, StudioApi } from '@contract'
import { BridgeSocket, type ConnectionState } from './door/bridge-socket'
import { uploadFile, uploadFiles, type FileToImport, type ImportOptions } from './door/bridge-upload'
import { StudioRequestError } from './door/studio-error'
import { buildStudioApi } from './door/studio-proxy'

export type { ConnectionState } from './door/bridge-socket'
export type { FileToImport } from './door/bridge-upload'

export interface StartedImport {
  /** null when nothing could be handed to the studio (every file failed to upload, or the import was cancelled). */
  jobId: string | null
  /** Files that never reached the studio, with the reason. */
  failed: ImportReport['failed']
}

interface Door {
  studio: StudioApi
  importFiles(files: FileToImport[], projectId: number | undefined, options: ImportOptions): Promise<StartedImport>
  /** A path the studio can read `file` from: the file itself in Electron, an upload staged on the bridge server. */
  fileForStudio(file: File, signal?: AbortSignal): Promise<string>
  mediaUrl(path: string): string
  onConnection(listener: (state: ConnectionState) => void): () => void
}

function electronDoor(ipc: StudioIpc, host: StudioHost): Door {
  const studio = buildStudioApi(
    async (channel, payload) => {
      const reply = await ipc.invoke(channel, payload)
      if (reply.ok) return reply.value
      throw new StudioRequestError(reply.error.code, reply.error.message)
    },
    (event, listener) => ipc.on(event, listener as (payload: unknown) => void)
  )
  return {
    studio,
    async importFiles(files, projectId) {
      const located = files.map((f) => ({ path: host.pathForFile(f.file), name: f.relativePath }))
      const failed = located.filter((s) => !s.path).map((s) => ({ name: s.name, code: 'not-on-disk', reason: 'not a file on disk' }))
      const sources = located.filter((s) => s.path)
      if (sources.length === 0) return { jobId: null, failed }
      const { jobId } = await studio.library.import({ sources, projectId })
      return { jobId, failed }
    },
    async fileForStudio(file) {
      const path = host.pathForFile(file)
      if (!path) throw new StudioRequestError('not-on-disk', `${file.name} is not a file on disk`)
      return path
    },
    mediaUrl: (path) => host.mediaBase + path,
    onConnection: () => () => undefined
  }
}

/** The token arrives once in the page address; keep it in memory and out of the address bar and history. */
function takeBridgeToken(): string | null {
  const url = new URL(location.href)
  const token = url.searchParams.get('token')
  if (token) {
    url.searchParams.delete('token')
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
  }
  return token
}

function bridgeDoor(): Door {
  const token = takeBridgeToken()
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const socket = new BridgeSocket(`${scheme}://${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`)
  const studio = buildStudioApi(
    (channel, payload) => socket.call(channel, payload),
    (event, listener) => socket.on(event, listener)
  )
  return {
    studio,
    async importFiles(files, projectId, options) {
      const { sources, failed } = await uploadFiles(files, token, options)
      if (sources.length === 0 || options.signal?.aborted) return { jobId: null, failed }
      const { jobId } = await studio.library.import({ sources, projectId })
      return { jobId, failed }
    },
    fileForStudio: (file, signal) => uploadFile(file, token, signal),
    mediaUrl: (path) => `/media/${path}`,
    onConnection: (listener) => socket.onState(listener)
  }
}

const door: Door = window.studioIpc && window.studioHost?.door === 'electron' ? electronDoor(window.studioIpc, window.studioHost) : bridgeDoor()

export const studio: StudioApi = door.studio

export function importFiles(files: FileToImport[], projectId?: number, options: ImportOptions = {}): Promise<StartedImport> {
  return door.importFiles(files, projectId, options)
}

export function fileForStudio(file: File, signal?: AbortSignal): Promise<string> {
  return door.fileForStudio(file, signal)
}

export function mediaUrl(path: string): string {
  return door.mediaUrl(path)
}

/** Bridge only: the WebSocket's state, so the UI can say when it is reconnecting. */
export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  return door.onConnection(listener)
}
