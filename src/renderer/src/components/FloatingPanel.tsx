import { useEffect, useState, type FormEvent } from 'react'
import type { ErrorInfo } from '@shared/errors'
import type { ProductSummary } from '@shared/contract'
import { useAnnounce, useApi } from '../context'
import { dateTime } from '../format'
import { fmt, useI18n, type Messages } from '../i18n'
import { useNav } from '../nav'
import { useOperation } from '../useOperation'
import { ErrorPanel } from './ErrorPanel'
import { Field } from './Field'

/** "2 d 3 h", "5 h 12 min", "4 min": how long until a borrowed license goes back. */
export function countdownText(ms: number, m: Messages): string {
  const min = Math.max(1, Math.floor(ms / 60_000))
  const d = Math.floor(min / 1440)
  const h = Math.floor((min % 1440) / 60)
  if (d > 0) return fmt(m.floating.days, { d, h })
  if (h > 0) return fmt(m.floating.hours, { h, m: min % 60 })
  return fmt(m.floating.minutes, { m: min })
}

/** A `datetime-local` value (local time, minutes) for an instant. */
function localInput(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

/** The current time, ticking every 30 s (for the countdown). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(t)
  }, [])
  return now
}

/**
 * A floating license on its product card: how many computers share it; borrowed until when, with a
 * countdown; borrow it for offline use until a chosen date (the license's maximum at most); return the
 * seat early so a colleague can take it.
 */
export function FloatingPanel({ product }: { product: ProductSummary }) {
  const { m, locale } = useI18n()
  const api = useApi()
  const nav = useNav()
  const announce = useAnnounce()
  const op = useOperation()
  const now = useNow()
  const f = product.license?.floating
  const maxMs = (f?.maxBorrowHours ?? 0) * 3_600_000
  const [until, setUntil] = useState(() => localInput(Date.now() + maxMs))
  const [dateError, setDateError] = useState<string | undefined>()
  const [error, setError] = useState<ErrorInfo | null>(null)
  if (!f) return null
  const borrowed = f.borrowedUntil && Date.parse(f.borrowedUntil) > now ? f.borrowedUntil : undefined

  async function borrow(e: FormEvent) {
    e.preventDefault()
    if (op.running) return
    const t = new Date(until).getTime()
    if (Number.isNaN(t) || t <= Date.now() || t > Date.now() + maxMs + 60_000) {
      setDateError(fmt(m.floating.badDate, { hours: f!.maxBorrowHours }))
      return
    }
    setDateError(undefined)
    setError(null)
    const operationId = op.start()
    const r = await api.borrowFloating({ productId: product.id, operationId, until: new Date(t).toISOString() })
    op.finish()
    if (!r.ok) {
      if (r.error.code !== 'cancelled') setError(r.error)
      return
    }
    await nav.refresh()
    const end = r.value.product.license?.floating?.borrowedUntil
    announce(fmt(m.floating.borrowed, { date: dateTime(end, locale) }))
  }

  async function release() {
    if (op.running) return
    setError(null)
    const operationId = op.start()
    const r = await api.releaseFloating({ productId: product.id, operationId })
    op.finish()
    if (!r.ok) {
      if (r.error.code !== 'cancelled') setError(r.error)
      return
    }
    await nav.refresh()
    announce(m.floating.released)
  }

  return (
    <section className="floating-panel" aria-label={m.floating.title} data-testid={`floating-${product.id}`}>
      <h4 className="floating-title">{m.floating.title}</h4>
      <p className="muted small">{f.users === 1 ? m.floating.sharedOne : fmt(m.floating.shared, { users: f.users })}</p>
      {error && <ErrorPanel error={error} productName={product.name} onRetry={undefined} />}
      {borrowed ? (
        <p data-testid={`borrowed-until-${product.id}`} data-until={borrowed}>
          {fmt(m.floating.borrowedUntil, { date: dateTime(borrowed, locale) })}{' '}
          <span className="badge badge-info" data-testid={`countdown-${product.id}`}>
            {fmt(m.floating.remaining, { time: countdownText(Date.parse(borrowed) - now, m) })}
          </span>
        </p>
      ) : f.canBorrow ? (
        <form className="floating-borrow" onSubmit={borrow} noValidate aria-busy={op.running}>
          <Field
            label={m.floating.borrowLabel}
            type="datetime-local"
            value={until}
            min={localInput(Date.now())}
            max={localInput(Date.now() + maxMs)}
            onChange={(e) => setUntil(e.target.value)}
            help={fmt(m.floating.borrowHelp, { hours: f.maxBorrowHours })}
            error={dateError}
            data-testid={`borrow-until-${product.id}`}
          />
          <button type="submit" className="btn btn-secondary" disabled={op.running} aria-label={fmt(m.floating.borrowNamed, { product: product.name })}>
            {op.running ? m.floating.borrowing : m.floating.borrow}
          </button>
        </form>
      ) : (
        <p className="muted small">{m.floating.notBorrowable}</p>
      )}
      <div className="actions">
        <button type="button" className="btn btn-link" onClick={() => void release()} disabled={op.running} aria-label={fmt(m.floating.releaseNamed, { product: product.name })}>
          {op.running ? m.floating.releasing : m.floating.release}
        </button>
      </div>
    </section>
  )
}
