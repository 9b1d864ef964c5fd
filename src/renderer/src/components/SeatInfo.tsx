// Seat counts as the server last reported them, and "Check with the server" for an active product:
// what the server says, and, when the seat is gone, disabled or expired, the offer to remove the local
// record (never done without the user's click).
import { lazy, Suspense, useState } from 'react'
import type { CheckResult, ProductSummary, SeatCounts as Seats } from '@shared/contract'
import type { ErrorInfo } from '@shared/errors'
import { useAnnounce, useApi } from '../context'
import { newOperationId } from '../format'
import { fmt, useFirstI18n, type FirstMessages } from '../i18n'
import { useNav } from '../nav'

// Home shows this card: the error panel is loaded only when a check fails (not part of Home's first load).
const ErrorPanel = lazy(() => import('./ErrorPanel').then((x) => ({ default: x.ErrorPanel })))

/** "2 of 3 in use · 9 transfers left", or undefined when the server gave no counts. */
export function seatsText(m: FirstMessages, s: Seats | undefined): string | undefined {
  if (!s) return undefined
  const parts: string[] = []
  if (s.inUse !== undefined && s.max !== undefined) parts.push(fmt(m.seats.inUse, { inUse: s.inUse, max: s.max }))
  else if (s.inUse !== undefined) parts.push(fmt(m.seats.inUseOnly, { inUse: s.inUse }))
  if (s.maxTransfers !== undefined && s.transfers !== undefined) parts.push(fmt(m.seats.transfersLeft, { left: Math.max(0, s.maxTransfers - s.transfers) }))
  else if (s.transfers !== undefined) parts.push(fmt(m.seats.transfersMade, { count: s.transfers }))
  return parts.length ? parts.join(' · ') : undefined
}

/** A definition-list row with the seat counts (inside a <dl>). */
export function SeatCountsRow({ seats, testId }: { seats: Seats | undefined; testId?: string }) {
  const { m } = useFirstI18n()
  const text = seatsText(m, seats)
  if (!text) return null
  return (
    <div>
      <dt>{m.seats.seatsLabel}</dt>
      <dd data-testid={testId}>{text}</dd>
    </div>
  )
}

export function SeatCheck({ product }: { product: ProductSummary }) {
  const { m } = useFirstI18n()
  const api = useApi()
  const nav = useNav()
  const announce = useAnnounce()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<CheckResult | null>(null)
  const [error, setError] = useState<ErrorInfo | null>(null)

  async function check() {
    setBusy(true)
    setError(null)
    const r = await api.checkLicense({ productId: product.id, operationId: newOperationId() })
    setBusy(false)
    if (r.ok) {
      setResult(r.value)
      announce(m.seats.verdicts[r.value.verdict])
      await nav.refresh()
    } else setError(r.error)
  }

  async function remove() {
    const r = await api.forgetLicense({ productId: product.id })
    if (r.ok) {
      announce(fmt(m.seats.removed, { product: product.name }))
      setResult(null)
      await nav.refresh()
    } else setError(r.error)
  }

  return (
    <div className="seat-check" data-testid={`check-${product.id}`}>
      {error && (
        <Suspense fallback={null}>
          <ErrorPanel error={error} productName={product.name} onRetry={() => void check()} />
        </Suspense>
      )}
      {result && (
        <div className={result.verdict === 'ok' ? 'notice notice-info' : 'notice notice-warn'} data-testid={`verdict-${product.id}`} data-verdict={result.verdict}>
          <p>{m.seats.verdicts[result.verdict]}</p>
          {result.serverMessage && (
            <p>
              <span className="muted">{m.seats.serverSaid}</span> <q>{result.serverMessage}</q>
            </p>
          )}
          {result.offerRemove && (
            <>
              <p>{fmt(m.seats.removeOffer, { product: product.name })}</p>
              <button type="button" className="btn btn-secondary" onClick={() => void remove()} aria-label={fmt(m.seats.removeNamed, { product: product.name })}>
                {m.seats.remove}
              </button>
            </>
          )}
        </div>
      )}
      <button type="button" className="btn btn-link" onClick={() => void check()} disabled={busy} aria-label={fmt(m.seats.checkNamed, { product: product.name })}>
        {busy ? m.seats.checking : m.seats.check}
      </button>
    </div>
  )
}
