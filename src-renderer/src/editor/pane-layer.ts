import type { DeepZoom } from '@contract'
import type { Rect, TileRef } from './deep-zoom'
import type { PyramidView } from './pyramid-view'

/** One pyramid shown in a pane: the original or a version, which may be smaller (a reduced working size). */
export interface PaneLayer {
  /** Stable while the same pyramid is shown. */
  key: string
  deepZoom: DeepZoom
  urlOf(tile: TileRef): string
  /** Pixels of the original per pixel of this pyramid: 1 for the original, 2 for a version at half size. */
  scale: number
  /** Share of the pane's width, from the left, where this layer starts showing (a split); 0 when left out. */
  clipFrom?: number
}

/** Where the original's top-left corner sits (CSS pixels) and how many CSS pixels one original pixel takes. */
export interface View {
  zoom: number
  x: number
  y: number
  fitZoom: number
  /** The part of the original in view, in its pixels. */
  visible: Rect
}

/** Renders a layer's pyramid in the original's coordinates, so every layer lines up whatever its own size. */
export function renderLayer(pyramid: PyramidView, layer: PaneLayer, view: View, pixelRatio: number): void {
  const k = layer.scale
  const { visible } = view
  pyramid.render(
    { zoom: view.zoom * k, x: view.x, y: view.y, fitZoom: view.fitZoom * k, visible: { x: visible.x / k, y: visible.y / k, width: visible.width / k, height: visible.height / k } },
    pixelRatio
  )
}
