import { join } from 'node:path'

/** A training run's sample grids: written by the run into its folder, served by the library as `mediaPaths.sample`. */
export const runSamplesDir = (runDir: string): string => join(runDir, 'samples')

export const runSampleFile = (runDir: string, step: number): string => join(runSamplesDir(runDir), `${step}.png`)
