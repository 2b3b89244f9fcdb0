/** How large a brush mask may be. Free of zod: the page imports it to stop a stroke before the contract would refuse it. */
export const MAX_MASK_STROKES = 2_000
/** Coordinates (x and y each count) in one stroke, and in all strokes together. */
export const MAX_STROKE_COORDINATES = 20_000
export const MAX_MASK_COORDINATES = 400_000
