/** Largest image, in pixels, decoded unless a caller sets its own limit: about a 20000×12500 photo. */
export const DEFAULT_MAX_PIXELS = 250_000_000

/**
 * Formats this build of sharp decodes and we accept. HEIC is absent: sharp's prebuilt libvips
 * reads HEIF containers only with AV1 inside (AVIF), not HEVC; BMP and JPEG XL have no decoder.
 */
export const SUPPORTED_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'tiff', 'gif', 'avif'])

