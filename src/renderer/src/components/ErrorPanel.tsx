import { useEffect, useRef } from 'react'
import { offersOffline, offersRetry, offersSupport, offlineFirst } from '@shared/error-policy'
import type { ErrorInfo } from '@shared/errors'
import { useApi, useEnv } from '../context'
import { fmt, useI18n, type Messages } from '../i18n'
import '../screens.css'

export interface ErrorTexts {
  /** What happened: the server's reason when the catalog knows it, else the error's own title. */
  title: string
  /** The generic kind of failure ("The license server declined the request") under a reason title. */
  subtitle?: string
  explain: string
  next: string
  /** Set when the title is the server's reason (serverCodes in the catalog). */
  reason?: string
  serverMessage?: string
}

/** Resolves the catalog texts for an ErrorInfo: the title leads with the reason, the kind of failure follows. */
export function errorTexts(m: Messages, error: ErrorInfo): ErrorTexts {
  const base = m.errors[error.code] ?? m.errors.internal
  // seat_not_found is the server's device_not_found said precisely (the seat is held under another id, not free).
  const reason = error.serverCode && error.code !== 'seat_not_found' ? m.serverCodes[error.serverCode] : undefined
  const stepText = m.nextSteps[error.nextStep]
  return {
    title: reason?.title ?? base.title,
    subtitle: reason ? base.title : undefined,
    explain: reason?.explain ?? base.explain,
    // The server's refusal carries its own next step (fix the key, the clock, contact support…).
    next: error.code === 'server_refused' ? stepText || base.next : base.next,
    reason: reason?.title,
    serverMessage: error.serverMessage
  }
}

type Action = 'retry' | 'offline' | 'support'

/**
 * The buttons, the one most likely to work first (it is the primary one): going offline when the
 * server cannot be reached at all, a retry when the failure is passing, support when nothing here can
 * fix it. A retry that cannot work (a refusal, a wrong entry) is not offered. Which of them an error
 * offers, and whether going offline leads, is the error policy's word (src/shared/error-policy.ts).
 */
export function errorActions(error: ErrorInfo, opts: { retry: boolean; offline: boolean; support: boolean }): Action[] {
  const canRetry = opts.retry && offersRetry(error)
  const order: Action[] = offlineFirst(error) ? ['offline', 'retry', 'support'] : canRetry ? ['retry', 'offline', 'support'] : ['support', 'offline', 'retry']
  return order.filter((a) => (a === 'retry' ? canRetry : a === 'offline' ? opts.offline : opts.support))
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
  const offline = !!onGoOffline && offersOffline(error)
  const showSupport = wantsSupport && !!info?.supportEmail
  const actions = errorActions(error, { retry: !!onRetry, offline, support: showSupport })
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
        {/* Under a server's reason, the generic kind of failure ("declined") is the subtitle. */}
        {t.subtitle && (
          <p className="error-subtitle" data-testid="error-subtitle">
            {t.subtitle}
          </p>
        )}
        <p data-testid="error-explain">{t.explain}</p>
        {/* The server's own words only when there is no translated reason; they are in the technical details anyway. */}
        {t.serverMessage && !t.reason && serverMessage}
        {/* Facts to pass on to IT: the certificate's issuer, the proxy, the page that came back. */}
        {error.details && (
          <ul className="error-facts" data-testid="error-facts">
            {error.details.issuer && <li>{fmt(m.error.detailIssuer, { value: error.details.issuer })}</li>}
            {error.details.proxy && <li>{fmt(m.error.detailProxy, { value: error.details.proxy })}</li>}
            {error.details.pageTitle && <li>{fmt(m.error.detailPageTitle, { value: error.details.pageTitle })}</li>}
          </ul>
        )}
        <p className="error-next">
          <strong>{t.next}</strong>
          {inputKept && <> {m.error.inputKept}</>}
        </p>
        {actions.length > 0 && (
          <div className="actions">
            {actions.map((a, i) => (
              <button key={a} type="button" className={i === 0 ? 'btn btn-primary' : 'btn btn-secondary'} onClick={a === 'retry' ? onRetry : a === 'offline' ? onGoOffline : mail}>
                {a === 'retry' ? m.error.retry : a === 'offline' ? m.error.goOffline : m.error.contactSupport}
              </button>
            ))}
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
