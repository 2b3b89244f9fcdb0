/** A rejected studio request: the core's stable code and its message for people. */
export class StudioRequestError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'StudioRequestError'
  }
}

function hasCode(err: unknown): err is { code: string; message: string } {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
}

export function toStudioError(err: unknown): StudioRequestError {
  if (err instanceof StudioRequestError) return err
  if (hasCode(err)) return new StudioRequestError(err.code, String(err.message))
  return new StudioRequestError('internal', err instanceof Error ? err.message : String(err))
}
