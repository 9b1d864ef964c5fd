// When the clock offset learnt from a license server is worth a warning (the core, Home, the done screens).

/** A clock offset from the license server larger than this is worth telling the user about. */
export const CLOCK_WARN_MS = 5 * 60_000

/** True when the offset (server minus local, ms) should be shown as a warning. */
export function clockWorthWarning(offsetMs: number | null | undefined): offsetMs is number {
  return typeof offsetMs === 'number' && Math.abs(offsetMs) > CLOCK_WARN_MS
}
