import { useCallback, useRef, useState } from 'react'
import type { ProgressEvent } from '@shared/contract'
import { useApi, useLastProgress } from './context'
import { newOperationId } from './format'
import { fmt, num, useI18n, type Locale, type Messages } from './i18n'

export function progressText(m: Messages, e: ProgressEvent, locale: Locale = 'en'): string {
  if (e.step === 'retrying') {
    const attempt = num(e.attempt ?? 2, locale)
    return e.delayMs ? fmt(m.progress.retryingIn, { attempt, seconds: num(Math.ceil(e.delayMs / 1000), locale) }) : fmt(m.progress.retrying, { attempt })
  }
  return m.progress[e.step]
}

/** The text of the latest progress event of `operationId` (the App announces it in the live region). */
export function useProgressText(operationId: string | null): string | null {
  const { m, locale } = useI18n()
  const last = useLastProgress()
  if (!operationId || !last || last.operationId !== operationId) return null
  return progressText(m, last, locale)
}

/** One cancellable operation: gives it an id, exposes its progress text, cancels it through the API. */
export function useOperation() {
  const api = useApi()
  const [operationId, setOperationId] = useState<string | null>(null)
  const idRef = useRef<string | null>(null)
  const progress = useProgressText(operationId)

  const start = useCallback(() => {
    const id = newOperationId()
    idRef.current = id
    setOperationId(id)
    return id
  }, [])

  const finish = useCallback(() => {
    idRef.current = null
    setOperationId(null)
  }, [])

  const cancel = useCallback(async () => {
    const id = idRef.current
    if (id) await api.cancel({ operationId: id })
  }, [api])

  return { operationId, running: operationId !== null, progress, start, finish, cancel }
}
