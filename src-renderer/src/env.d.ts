/// <reference types="vite/client" />
import type { WireReply } from '@contract'

declare global {
  /** The Electron preload's IPC door: only the contract's channels and events pass. Absent in a browser. */
  interface StudioIpc {
    invoke(channel: string, payload: unknown): Promise<WireReply>
    on(event: string, listener: (payload: unknown) => void): () => void
  }

  /** What the Electron preload tells about its host; absent in a browser. */
  interface StudioHost {
    door: 'electron'
    mediaBase: string
    pathForFile(file: File): string
  }

  interface Window {
    studioIpc?: StudioIpc
    studioHost?: StudioHost
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
