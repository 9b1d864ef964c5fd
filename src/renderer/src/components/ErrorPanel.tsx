import { useEffect, useRef } from 'react'
import { offersOffline, offersRetry, offersSupport } from '@shared/error-policy'
import type { ErrorInfo } from '@shared/errors'
import { useApi, useEnv } from '../context'
import { fmt, useI18n, type Messages } from '../i18n'

export interface ErrorTexts {
  title: string
  explain: string
  next: string
  reason?: string
  serverMessage?: string
}

/** Resolves the catalog texts for an ErrorInfo (title, explanation, next step, server reason). */
export function errorTexts(m: Messages, error: ErrorInfo): ErrorTexts {
  const base = m.errors[error.code] ?? m.errors.internal
  const reason = error.serverCode ? m.serverCodes[error.serverCode] : undefined
  const stepText = m.nextSteps[error.nextStep]
  return {
    title: base.title,
    explain: base.explain,
    // The server's refusal carries its own next step (fix the key, the clock, contact support…).
    next: error.code === 'server_refused' ? stepText || base.next : base.next,
    reason,
    serverMessage: error.serverMessage
  }
}

export function supportMailto(m: Messages, opts: { email: string; app: string; title: string; error: ErrorInfo; product?: string; hwid?: string; version?: string }): string {
  const subject = fmt(m.error.supportSubject, { app: opts.app, title: opts.title, code: opts.error.code })
  const body = fmt(m.error.supportBody, {
    product: opts.product ?? '-',
    code: opts.error.code,
    message: opts.error.message,
    serverCode: opts.error.serverCode ?? '-',
    hwid: opts.hwid ?? '-',
    version: opts.version ?? '-'
  })
  return `mailto:${opts.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`
}

/**
 * Shows a failed operation: title, one-line explanation, what to do next and the buttons for it.
 * The form it belongs to stays on screen, so what the user typed is kept.
 */
export function ErrorPanel({
  error,
  productName,
  onRetry,
  onGoOffline,
  inputKept = false
}: {
  error: ErrorInfo
  productName?: string
  onRetry?: () => void
  onGoOffline?: () => void
  inputKept?: boolean
}) {
  const { m } = useI18n()
  const api = useApi()
  const { info, status } = useEnv()
  const ref = useRef<HTMLHeadingElement>(null)
  const t = errorTexts(m, error)
  // biome-ignore lint/correctness/useExhaustiveDependencies: move focus to the title whenever a new error is shown
  useEffect(() => {
    ref.current?.focus()
  }, [error])

  const wantsSupport = offersSupport(error)
  const canRetry = offersRetry(error)
  const offline = onGoOffline && offersOffline(error)

  const showSupport = wantsSupport && !!info?.supportEmail
  const hasActions = (!!onRetry && canRetry) || !!offline || showSupport
  const serverMessage = t.serverMessage && (
    <p className="error-server">
      <span className="muted">{m.error.serverSays}</span> <q data-testid="error-server-message">{t.serverMessage}</q>
    </p>
  )

  function mail() {
    if (!info?.supportEmail) return
    void api.openExternal({
      url: supportMailto(m, {
        email: info.supportEmail,
        app: info.appName,
        title: t.title,
        error,
        product: productName,
        hwid: status?.hardware?.id,
        version: info.version
      })
    })
  }

  return (
    <section className="error-panel" aria-labelledby="error-title">
      <div className="error-icon" aria-hidden="true">
        !
      </div>
      <div className="error-body">
        <h2 id="error-title" ref={ref} tabIndex={-1} className="error-title" data-testid="error-title" data-code={error.code}>
          {t.title}
        </h2>
        {/* A known server reason replaces the generic explanation, so the panel does not say the same thing twice. */}
        {t.reason ? (
          <p className="error-reason" data-testid="error-reason">
            {t.reason}
          </p>
        ) : (
          <p>{t.explain}</p>
        )}
        {/* The server's own words only when there is no translated reason; they are in the technical details anyway. */}
        {t.serverMessage && !t.reason && serverMessage}
        <p className="error-next">
          <strong>{t.next}</strong>
          {inputKept && <> {m.error.inputKept}</>}
        </p>
        {hasActions && (
          <div className="actions">
            {onRetry && canRetry && (
              <button type="button" className="btn btn-primary" onClick={onRetry}>
                {m.error.retry}
              </button>
            )}
            {offline && (
              <button type="button" className="btn btn-secondary" onClick={onGoOffline}>
                {m.error.goOffline}
              </button>
            )}
            {showSupport && (
              <button type="button" className="btn btn-secondary" onClick={mail}>
                {m.error.contactSupport}
              </button>
            )}
          </div>
        )}
        <details className="error-details">
          <summary>{m.error.details}</summary>
          <p className="mono small">{fmt(m.error.code, { code: error.serverCode ? `${error.code} / ${error.serverCode}` : error.code })}</p>
          <p className="mono small">{error.message}</p>
        </details>
      </div>
    </section>
  )
}
