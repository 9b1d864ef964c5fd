import type { ProgressEvent } from '@shared/contract'
import { fmt, num, type FirstMessages, type Locale } from './i18n'

/** A progress event in words: the App announces it (its texts are in the first part of the catalog). */
export function progressText(m: FirstMessages, e: ProgressEvent, locale: Locale = 'en'): string {
  if (e.step === 'retrying') {
    const attempt = num(e.attempt ?? 2, locale)
    return e.delayMs ? fmt(m.progress.retryingIn, { attempt, seconds: num(Math.ceil(e.delayMs / 1000), locale) }) : fmt(m.progress.retrying, { attempt })
  }
  return m.progress[e.step]
}
