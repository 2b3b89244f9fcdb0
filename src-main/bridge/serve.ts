import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createStudio } from '../studio'
import { startBridge } from './server'

export interface ServeOptions {
  library?: string
  port: number
  renderer?: string
}

const DEFAULT_RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url))

/** Starts the studio behind the local bridge until SIGINT/SIGTERM. */
export async function serve({ library, port, renderer = DEFAULT_RENDERER }: ServeOptions): Promise<void> {
  if (!existsSync(renderer)) throw new Error(`No built renderer at ${renderer}: run \`npm run build\` first.`)
  const studio = createStudio({ libraryRoot: library, door: 'bridge' })
  const bridge = await startBridge({ studio, rendererDir: renderer, port })
  console.log(`GAN Studio is served at ${bridge.url}`)
  console.log(`Library: ${studio.library.root}. Press Ctrl+C to stop.`)
  const shutdown = async () => {
    await bridge.close()
    await studio.close()
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}
