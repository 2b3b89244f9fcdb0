/** An error meant for the user: a stable code for programs, a specific message for people. */
export class StudioError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'StudioError'
  }
}
