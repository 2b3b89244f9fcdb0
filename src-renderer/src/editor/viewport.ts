import { reactive } from 'vue'
import type { Rect } from './deep-zoom'

const MAX_ZOOM = 8
const FIT_MARGIN = 16
const PAN_SLACK = 48
const ANIMATION_MS = 140
const ZOOM_STEP = 1.25

/**
 * Zoom and pan of an image inside a view: `x`, `y` are where the image's top-left corner sits in the view
 * (CSS pixels), `zoom` how many CSS pixels one image pixel takes.
 */
export function createViewport() {
  const state = reactive({ zoom: 1, x: 0, y: 0, width: 0, height: 0, imageWidth: 0, imageHeight: 0, fitted: true })
  let animation = 0
  /** Where a running zoom animation is heading, so quick repeated steps add up. */
  let heading: number | null = null

  const fitZoom = () =>
    Math.min(MAX_ZOOM, Math.max(1e-4, Math.min((state.width - FIT_MARGIN * 2) / state.imageWidth, (state.height - FIT_MARGIN * 2) / state.imageHeight)))
  const minZoom = () => Math.min(fitZoom() / 2, 1)

  function clampPan(): void {
    const spareX = state.width - state.imageWidth * state.zoom
    const spareY = state.height - state.imageHeight * state.zoom
    state.x = Math.min(Math.max(state.x, Math.min(0, spareX) - PAN_SLACK), Math.max(0, spareX) + PAN_SLACK)
    state.y = Math.min(Math.max(state.y, Math.min(0, spareY) - PAN_SLACK), Math.max(0, spareY) + PAN_SLACK)
  }

  const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(minZoom(), zoom))

  /** Sets the zoom, keeping the image point under (px, py) where it is. */
  function applyZoom(zoom: number, px: number, py: number): void {
    const next = clampZoom(zoom)
    state.x = px - ((px - state.x) / state.zoom) * next
    state.y = py - ((py - state.y) / state.zoom) * next
    state.zoom = next
    state.fitted = false
    clampPan()
  }

  function animateZoom(target: number, px = state.width / 2, py = state.height / 2, center = false): void {
    cancelAnimationFrame(animation)
    const goal = clampZoom(target)
    heading = goal
    const from = { zoom: state.zoom, x: state.x, y: state.y }
    const start = performance.now()
    const step = (now: number) => {
      const t = Math.min(1, (now - start) / ANIMATION_MS)
      const eased = 1 - (1 - t) ** 3
      Object.assign(state, from)
      applyZoom(from.zoom * (goal / from.zoom) ** eased, px, py)
      if (center) {
        centre(eased)
        state.fitted = true
      }
      if (t < 1) animation = requestAnimationFrame(step)
      else heading = null
    }
    animation = requestAnimationFrame(step)
  }

  /** Moves `share` of the way towards the image being centred. */
  function centre(share: number): void {
    state.x += ((state.width - state.imageWidth * state.zoom) / 2 - state.x) * share
    state.y += ((state.height - state.imageHeight * state.zoom) / 2 - state.y) * share
  }

  function fit(animated = true): void {
    if (!state.width || !state.imageWidth) return
    if (animated) animateZoom(fitZoom(), undefined, undefined, true)
    else {
      stopAnimation()
      state.zoom = fitZoom()
      centre(1)
      state.fitted = true
    }
  }

  function stopAnimation(): void {
    cancelAnimationFrame(animation)
    heading = null
  }

  function zoomAt(zoom: number, px: number, py: number): void {
    stopAnimation()
    applyZoom(zoom, px, py)
  }

  function panBy(dx: number, dy: number): void {
    stopAnimation()
    state.x += dx
    state.y += dy
    state.fitted = false
    clampPan()
  }

  function setSize(width: number, height: number): void {
    if (!width || !height) return
    const wasFitted = state.fitted
    state.x += (width - state.width) / 2
    state.y += (height - state.height) / 2
    state.width = width
    state.height = height
    if (wasFitted) fit(false)
    else clampPan()
  }

  function setImage(width: number, height: number): void {
    state.imageWidth = width
    state.imageHeight = height
    fit(false)
  }

  /** The part of the image in view, in full-size image pixels. */
  function visibleRect(): Rect {
    return { x: -state.x / state.zoom, y: -state.y / state.zoom, width: state.width / state.zoom, height: state.height / state.zoom }
  }

  return {
    state,
    fitZoom,
    zoomAt,
    zoomIn: () => animateZoom((heading ?? state.zoom) * ZOOM_STEP),
    zoomOut: () => animateZoom((heading ?? state.zoom) / ZOOM_STEP),
    actualSize: () => animateZoom(1),
    fit,
    panBy,
    setSize,
    setImage,
    visibleRect
  }
}

export type Viewport = ReturnType<typeof createViewport>
