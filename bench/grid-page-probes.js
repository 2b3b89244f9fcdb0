// Injected by bench/grid-10k.ts into the studio page before any of the page's own scripts run.
// Plain browser JavaScript, so nothing is transpiled into it. Times are performance.now(): ms since navigation start.
;(() => {
  const THUMB_IMAGES = '[data-testid="thumb"] img'
  const probes = { firstThumbMs: null, totalShownMs: null, longTasks: [] }
  let firstPaintSeen
  probes.firstPaint = new Promise((resolve) => (firstPaintSeen = resolve))
  window.__gridBench = probes

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probes.longTasks.push({ startMs: entry.startTime, durationMs: entry.duration })
  }).observe({ type: 'longtask', buffered: true })

  const grid = () => document.querySelector('[data-testid="thumb-grid"]')
  const isLoaded = (img) => img.complete && img.naturalWidth > 0

  // Checked once per frame, before that frame paints: ±1 frame (~17 ms).
  function watchFirstPaint() {
    const now = performance.now()
    if (probes.firstThumbMs === null && [...document.querySelectorAll(THUMB_IMAGES)].some(isLoaded)) probes.firstThumbMs = now
    const label = grid()?.getAttribute('aria-label') ?? ''
    if (probes.totalShownMs === null && label.replace(/\D/g, '') === String(window.__expectedTotal)) probes.totalShownMs = now
    if (probes.firstThumbMs === null || probes.totalShownMs === null) requestAnimationFrame(watchFirstPaint)
    else firstPaintSeen({ firstThumbMs: probes.firstThumbMs, totalShownMs: probes.totalShownMs })
  }
  requestAnimationFrame(watchFirstPaint)

  probes.firstContentfulPaintMs = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null

  probes.gridCounts = () => {
    const el = grid()
    const box = el.getBoundingClientRect()
    const cells = [...el.querySelectorAll('[role="option"]')]
    const visible = cells.filter((cell) => {
      const r = cell.getBoundingClientRect()
      return r.bottom > box.top && r.top < box.bottom
    })
    return {
      gridNodes: el.querySelectorAll('*').length,
      pageNodes: document.querySelectorAll('*').length,
      cells: cells.length,
      visibleCells: visible.length,
      visibleLoaded: visible.filter((cell) => [...cell.querySelectorAll('img')].some(isLoaded)).length,
      columns: new Set(cells.map((cell) => Math.round(cell.getBoundingClientRect().left))).size,
      jsHeapMb: performance.memory ? performance.memory.usedJSHeapSize / 1024 ** 2 : null
    }
  }

  // Drives scrollTop from the top to the bottom and back, once per frame, over durationMs; records frame intervals.
  probes.scrollDownAndUp = (durationMs) =>
    new Promise((resolve) => {
      const el = grid()
      const max = el.scrollHeight - el.clientHeight
      const frameMs = []
      // Frames in which some rendered cell (visible or overscan) still waits for its row from the studio: no layout forced.
      let framesWithPlaceholders = 0
      let startedAt = null
      let previous = null
      function step(time) {
        if (startedAt === null) startedAt = time
        else frameMs.push(time - previous)
        previous = time
        if (el.querySelector('[role="option"]:not([data-testid])')) framesWithPlaceholders++
        const phase = Math.min(1, (time - startedAt) / durationMs)
        el.scrollTop = Math.round(max * (phase < 0.5 ? phase * 2 : 2 - phase * 2))
        if (phase < 1) return requestAnimationFrame(step)
        // Long-task entries arrive asynchronously; give them a moment.
        setTimeout(() => {
          const longTasks = probes.longTasks.filter((task) => task.startMs >= startedAt)
          resolve({ frameMs, framesWithPlaceholders, scrolledPx: max, longTasks, counts: probes.gridCounts() })
        }, 200)
      }
      requestAnimationFrame(step)
    })
})()
