/**
 * Library of 10,000 images: time to first paint of the grid through the bridge, and whether scrolling stays
 * responsive (virtualized grid). The real renderer (out/renderer) in Chromium, over the real bridge.
 *   npm run bench:grid             (RUNS=9 npm run bench:grid for more runs)
 * Rows 301..10000 are seeded copies of the 300 imported ones; see grid-library.ts.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { startBridge } from '../src-main/bridge/server'
import { createStudio } from '../src-main/studio'
import { buildGridLibrary } from './grid-library'
import { fixed, loadLine, machineLine, median, megabytes, peakRssKb, percentile, saveResults } from './stats'

const TOTAL = 10_000
const IMPORTED = 300
const RUNS = Number(process.env.RUNS ?? 5)
const SCROLL_MS = 5_000
const SETTLE_MS = 1_000
const repoRoot = join(import.meta.dirname, '..')
const rendererDir = join(repoRoot, 'out', 'renderer')
const probesScript = join(import.meta.dirname, 'grid-page-probes.js')

interface GridCounts {
  gridNodes: number
  pageNodes: number
  cells: number
  visibleCells: number
  visibleLoaded: number
  columns: number
  jsHeapMb: number | null
}

interface GridRun {
  firstThumbMs: number
  totalShownMs: number
  firstContentfulPaintMs: number | null
  loaded: GridCounts
  frameP50Ms: number
  frameP95Ms: number
  frameMaxMs: number
  frames: number
  framesWithPlaceholders: number
  scrolledPx: number
  longTaskCount: number
  longTaskTotalMs: number
  afterScroll: GridCounts
  afterSettle: GridCounts
}

interface ScrollResult {
  frameMs: number[]
  framesWithPlaceholders: number
  scrolledPx: number
  longTasks: { startMs: number; durationMs: number }[]
  counts: GridCounts
}

async function measureOnce(browser: Browser, url: string): Promise<GridRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    await page.addInitScript({ content: `window.__expectedTotal = ${TOTAL}` })
    await page.addInitScript({ path: probesScript })
    await page.goto(url, { waitUntil: 'commit' })
    const { firstThumbMs, totalShownMs } = (await page.evaluate('window.__gridBench.firstPaint')) as { firstThumbMs: number; totalShownMs: number }
    const firstContentfulPaintMs = (await page.evaluate('window.__gridBench.firstContentfulPaintMs()')) as number | null
    const loaded = (await page.evaluate('window.__gridBench.gridCounts()')) as GridCounts
    const scroll = (await page.evaluate(`window.__gridBench.scrollDownAndUp(${SCROLL_MS})`)) as ScrollResult
    await page.waitForTimeout(SETTLE_MS)
    const afterSettle = (await page.evaluate('window.__gridBench.gridCounts()')) as GridCounts
    return {
      firstThumbMs,
      totalShownMs,
      firstContentfulPaintMs,
      loaded,
      frameP50Ms: percentile(scroll.frameMs, 50),
      frameP95Ms: percentile(scroll.frameMs, 95),
      frameMaxMs: Math.max(...scroll.frameMs),
      frames: scroll.frameMs.length,
      framesWithPlaceholders: scroll.framesWithPlaceholders,
      scrolledPx: scroll.scrolledPx,
      longTaskCount: scroll.longTasks.length,
      longTaskTotalMs: scroll.longTasks.reduce((sum, task) => sum + task.durationMs, 0),
      afterScroll: scroll.counts,
      afterSettle
    }
  } finally {
    await context.close()
  }
}

if (!existsSync(join(rendererDir, 'index.html'))) {
  console.log('out/renderer is missing: running `npx electron-vite build`…')
  execFileSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' })
}
console.log(`machine: ${machineLine()}; ${loadLine()}`)
const rendererBuiltAt = statSync(join(rendererDir, 'index.html')).mtimeMs
const changedSinceBuild = readdirSync(join(repoRoot, 'src-renderer'), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && statSync(join(entry.parentPath, entry.name)).mtimeMs > rendererBuiltAt).length
console.log(`renderer: ${rendererDir}, built ${new Date(rendererBuiltAt).toISOString()}`)
if (changedSinceBuild) console.log(`WARNING: ${changedSinceBuild} files in src-renderer/ changed since; run \`npm run build\` to measure the current renderer`)

const scratch = mkdtempSync(join(tmpdir(), 'gan-bench-grid-'))
const libraryRoot = join(scratch, 'library')
try {
  const built = await buildGridLibrary(libraryRoot, scratch, IMPORTED, TOTAL)
  console.log(
    `library: ${built.imported} small photos imported through the Library facade in ${fixed(built.importS)} s (including making them); ` +
      `rows ${built.imported + 1}..${built.imported + built.seeded} are SEEDED COPIES (SQL rows + copied thumbnails) in ${fixed(built.seedS)} s`
  )
  const studio = createStudio({ libraryRoot, door: 'bridge' })
  const bridge = await startBridge({ studio, rendererDir })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  const runs: GridRun[] = []
  try {
    const { total } = studio.library.list({ sort: 'newest', offset: 0, limit: 1, trashed: false })
    if (total !== TOTAL) throw new Error(`library holds ${total} images, expected ${TOTAL}`)
    for (let run = 1; run <= RUNS; run++) {
      const r = await measureOnce(browser, bridge.url)
      runs.push(r)
      console.log(
        `run ${run}: first thumb ${fixed(r.firstThumbMs, 0)} ms, total shown ${fixed(r.totalShownMs, 0)} ms, FCP ${fixed(r.firstContentfulPaintMs ?? NaN, 0)} ms; ` +
          `grid ${r.loaded.gridNodes} nodes (${r.loaded.cells} cells, ${r.loaded.columns} columns), page ${r.loaded.pageNodes} nodes; ` +
          `scroll ${r.scrolledPx} px down and up in ${r.frames} frames: p50 ${fixed(r.frameP50Ms)} / p95 ${fixed(r.frameP95Ms)} / max ${fixed(r.frameMaxMs)} ms, ` +
          `${r.longTaskCount} long tasks (${fixed(r.longTaskTotalMs, 0)} ms), ${r.framesWithPlaceholders} frames with cells awaiting rows; visible thumbs loaded ${r.afterScroll.visibleLoaded}/${r.afterScroll.visibleCells} ` +
          `0.2 s after, ${r.afterSettle.visibleLoaded}/${r.afterSettle.visibleCells} ${SETTLE_MS / 1000} s after; JS heap ${fixed(r.afterSettle.jsHeapMb ?? NaN)} MB`
      )
    }
  } finally {
    await browser.close()
    await bridge.close()
    await studio.close()
  }

  const med = (pick: (r: GridRun) => number): number => median(runs.map(pick))
  const summary = [
    `grid: ${TOTAL} images (${IMPORTED} imported + ${TOTAL - IMPORTED} seeded copies), Chromium 1280×800 over the bridge, medians of ${RUNS} runs:`,
    `  first thumbnail painted ${fixed(med((r) => r.firstThumbMs), 0)} ms after navigation start, total count shown ${fixed(med((r) => r.totalShownMs), 0)} ms`,
    `  grid DOM ${fixed(med((r) => r.loaded.gridNodes), 0)} nodes for ${TOTAL} images (${fixed(med((r) => r.loaded.cells), 0)} cells)`,
    `  scroll top→bottom→top (${fixed(med((r) => r.scrolledPx) / 1000, 0)}k px in ${SCROLL_MS / 1000} s): frame p50 ${fixed(med((r) => r.frameP50Ms))} ms, ` +
      `p95 ${fixed(med((r) => r.frameP95Ms))} ms, max ${fixed(med((r) => r.frameMaxMs))} ms; long tasks ${fixed(med((r) => r.longTaskCount), 0)} (${fixed(med((r) => r.longTaskTotalMs), 0)} ms); ` +
      `${fixed(med((r) => r.framesWithPlaceholders), 0)} of ${fixed(med((r) => r.frames), 0)} frames had cells awaiting their rows`,
    `  visible thumbs loaded at the end: ${fixed(med((r) => r.afterScroll.visibleLoaded), 0)}/${fixed(med((r) => r.afterScroll.visibleCells), 0)} after 0.2 s, ` +
      `${fixed(med((r) => r.afterSettle.visibleLoaded), 0)}/${fixed(med((r) => r.afterSettle.visibleCells), 0)} after ${SETTLE_MS / 1000} s`,
    `  bench process (studio + bridge + Playwright client) peak RSS ${megabytes(peakRssKb())}`
  ].join('\n')
  const saved = saveResults('grid-10k', { total: TOTAL, imported: IMPORTED, runs, summary })
  console.log(`\n=== figures ===\n${summary}\n(raw figures: ${saved})`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
