import { useCallback, useRef, useState } from 'react'
import { useApi, useLastProgress } from './context'
import { newOperationId } from './format'
import { useFirstI18n } from './i18n'
import { progressText } from './progress'

/** The text of the latest progress event of `operationId` (the App announces it in the live region). */
export function useProgressText(operationId: string | null): string | null {
  const { m, locale } = useFirstI18n()
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
