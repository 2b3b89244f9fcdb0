import type { ApplyMask, MaskStroke } from '@contract'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { MAX_MASK_COORDINATES, MAX_MASK_STROKES } from '../../../src-preload/mask-limits'
import { extendStroke, roundPoint } from '../editor/mask-strokes'
import { useHistoryStore } from './history'

export type MaskTool = 'pan' | 'paint' | 'erase'

export const MIN_BRUSH = 2
export const MAX_BRUSH = 400

/**
 * The mask painted over the image: strokes in image pixels, the tool in hand, the brush's size (in screen pixels,
 * so it feels the same at every zoom) and the feather (in image pixels). Each finished stroke and each clear is a
 * step in the Editor's history.
 */
export const useMaskStore = defineStore('mask', () => {
  const history = useHistoryStore()
  const tool = ref<MaskTool>('pan')
  const brushSize = ref(40)
  const feather = ref(8)
  /** Whether the painted strokes are drawn over the image. */
  const visible = ref(true)
  /** The stroke being painted grows in place; `revision` counts every change, for whoever draws them. */
  const strokes = shallowRef<MaskStroke[]>([])
  const revision = ref(0)
  const full = ref(false)
  let painting: MaskStroke | null = null

  const coordinates = () => strokes.value.reduce((sum, s) => sum + s.points.length, 0)
  const isEmpty = computed(() => !strokes.value.some((s) => s.mode === 'paint'))

  function setStrokes(next: MaskStroke[]): void {
    strokes.value = next
    revision.value++
  }

  /** Starts a stroke of the current tool at an image point; `zoom` turns the brush size into image pixels. */
  function begin(x: number, y: number, zoom: number): void {
    if (tool.value === 'pan') return
    full.value = strokes.value.length >= MAX_MASK_STROKES || coordinates() + 2 > MAX_MASK_COORDINATES
    if (full.value) return
    painting = { mode: tool.value, radius: roundPoint(Math.max(0.1, brushSize.value / 2 / zoom)), points: [roundPoint(x), roundPoint(y)] }
    setStrokes([...strokes.value, painting])
  }

  function extend(x: number, y: number): void {
    if (!painting || coordinates() + 2 > MAX_MASK_COORDINATES) return
    if (extendStroke(painting, roundPoint(x), roundPoint(y))) revision.value++
  }

  function end(): void {
    const stroke = painting
    painting = null
    if (!stroke) return
    history.push({
      undo: () => setStrokes(strokes.value.filter((s) => s !== stroke)),
      redo: () => setStrokes([...strokes.value, stroke])
    })
  }

  function clear(): void {
    const before = strokes.value
    if (before.length === 0) return
    setStrokes([])
    history.push({ undo: () => setStrokes(before), redo: () => setStrokes([]) })
  }

  /** A new image: no strokes, nothing to undo. */
  function reset(): void {
    painting = null
    setStrokes([])
    full.value = false
  }

  function resizeBrush(factor: number): void {
    brushSize.value = Math.round(Math.min(MAX_BRUSH, Math.max(MIN_BRUSH, brushSize.value * factor)))
  }

  /** The mask as the contract takes it, or undefined when nothing is painted. */
  function forApply(): ApplyMask | undefined {
    return isEmpty.value ? undefined : { strokes: strokes.value.map((s) => ({ ...s, points: [...s.points] })), feather: feather.value }
  }

  return { tool, brushSize, feather, visible, strokes, revision, full, isEmpty, begin, extend, end, clear, reset, resizeBrush, forApply }
})
