import { lazy, Suspense } from 'react'
import type { ProductSummary } from '@shared/contract'
import { clockWorthWarning } from '@shared/error-policy'
import { useAnnounce, useApi, useEnv } from '../context'
import { ReadOnlyField } from '../components/ReadOnlyField'
import { ScreenHeading } from '../components/ScreenHeading'
import { SeatCheck, SeatCountsRow } from '../components/SeatInfo'
import { dateOnly, dateTime, minutes } from '../format'
import { fmt, num, useFirstI18n, type FirstMessages } from '../i18n'
import { useNav } from '../nav'

// Only shown when the hardware id cannot be read: not part of Home's first load.
const ErrorPanel = lazy(() => import('../components/ErrorPanel').then((x) => ({ default: x.ErrorPanel })))
// Only shown for an active floating license: not part of Home's first load either.
const FloatingPanel = lazy(() => import('../components/FloatingPanel').then((x) => ({ default: x.FloatingPanel })))

export function HomeScreen() {
  const { m, locale } = useFirstI18n()
  const { status, info } = useEnv()
  const api = useApi()
  const announce = useAnnounce()
  const nav = useNav()

  async function copyDiagnostics() {
    const r = await api.getDiagnostics()
    if (!r.ok) return
    const c = await api.copyText({ text: r.value.text })
    if (c.ok) announce(m.app.diagnosticsCopied)
  }

  return (
    <>
      <ScreenHeading>{m.home.title}</ScreenHeading>
      <p className="lead">{m.home.intro}</p>

      {status && clockWorthWarning(status.clockOffsetMs) && <p className="notice notice-warn">{fmt(m.home.clockOff, { minutes: num(minutes(status.clockOffsetMs), locale) })}</p>}

      {status?.stateMovedTo && (
        <p className="notice notice-warn" data-testid="state-moved">
          {fmt(m.home.stateMoved, { path: status.stateMovedTo })}
        </p>
      )}

      {!status ? (
        <p className="muted" aria-busy="true">
          {m.app.loading}
        </p>
      ) : (
        <section aria-labelledby="products-title">
          <h2 id="products-title" className="section-title">
            {m.home.products}
          </h2>
          {status.products.length === 0 ? (
            <p className="muted">{m.home.noProducts}</p>
          ) : (
            <ul className="product-list">
              {status.products.map((p) => (
                <li key={p.id}>
                  <ProductCard product={p} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {/* What support asks for, out of the customer's way: collapsed unless something is wrong with it. */}
      <details className="support-section" open={!!status?.hardwareError} data-testid="support-section">
        <summary className="support-title">{m.app.supportTitle}</summary>
        <div className="support-body">
          <p className="muted small">{m.app.supportIntro}</p>
          {status?.hardware ? (
            <ReadOnlyField label={m.home.hardwareLabel} value={status.hardware.id} testId="hardware-id" help={fmt(m.home.hardwareHelp, { source: status.hardware.source })} />
          ) : status?.hardwareError ? (
            <Suspense fallback={null}>
              <ErrorPanel error={status.hardwareError} />
            </Suspense>
          ) : status ? (
            <p>{m.home.hardwareUnavailable}</p>
          ) : null}
          <section className="card seats-card" aria-labelledby="seats-title">
            <h2 id="seats-title" className="card-title">
              {m.seats.homeTitle}
            </h2>
            <p className="muted small">{m.seats.releaseHelp}</p>
            <div className="actions">
              <button type="button" className="btn btn-secondary" onClick={() => nav.go({ name: 'release-seat' })}>
                {m.seats.release}
              </button>
              <button type="button" className="btn btn-secondary" onClick={() => nav.go({ name: 'release-seat', whose: 'other' })}>
                {m.seats.releaseOther}
              </button>
              <button type="button" className="btn btn-link" onClick={() => nav.go({ name: 'receipts' })}>
                {m.seats.receipts}
              </button>
            </div>
          </section>
          <div className="support-footer">
            <span className="muted small">{info ? fmt(m.app.version, { version: info.version }) : ''}</span>
            <button type="button" className="btn btn-secondary btn-small" onClick={copyDiagnostics}>
              {m.app.copyDiagnostics}
            </button>
          </div>
        </div>
      </details>
    </>
  )
}

function stateClass(state: ProductSummary['state']): string {
  switch (state) {
    case 'active':
      return 'badge badge-ok'
    case 'offline-activation-pending':
    case 'offline-deactivated':
      return 'badge badge-warn'
    default:
      return 'badge badge-neutral'
  }
}

/** The badge's words: after an offline release, what the vendor still waits for (the file or the code). */
function stateText(m: FirstMessages, p: ProductSummary): string {
  if (p.state === 'offline-deactivated' && p.lastOffline) return p.lastOffline.kind === 'licensespring-file' ? m.home.waitingUpload : m.home.waitingCode
  return m.states[p.state]
}

function ProductCard({ product: p }: { product: ProductSummary }) {
  const { m, locale } = useFirstI18n()
  const nav = useNav()
  const titleId = `product-${p.id}-title`
  const lic = p.license

  function activate() {
    if (p.canActivateOffline) nav.go({ name: 'activate-method', productId: p.id })
    else nav.go({ name: 'activate-online', productId: p.id })
  }
  function deactivate() {
    if (p.canDeactivateOffline) nav.go({ name: 'deactivate-method', productId: p.id })
    else nav.go({ name: 'deactivate-confirm', productId: p.id, mode: 'online' })
  }

  return (
    <article className="card product-card" aria-labelledby={titleId} data-testid={`product-${p.id}`}>
      <div className="product-head">
        <h3 id={titleId} className="product-name">
          {p.name}
        </h3>
        <span className={stateClass(p.state)} data-testid={`state-${p.id}`} data-state={p.state}>
          {stateText(m, p)}
        </span>
      </div>

      {lic && p.state === 'active' && (
        <dl className="facts">
          {lic.keyHint && (
            <div>
              <dt>{m.home.keyHint}</dt>
              <dd className="mono">{lic.keyHint}</dd>
            </div>
          )}
          {lic.username && (
            <div>
              <dt>{m.home.username}</dt>
              <dd>{lic.username}</dd>
            </div>
          )}
          {lic.licenseType && (
            <div>
              <dt>{m.home.licenseType}</dt>
              <dd>{m.home.licenseTypes[lic.licenseType] ?? lic.licenseType}</dd>
            </div>
          )}
          {lic.expiresAt !== undefined && (
            <div>
              <dt>{m.home.expires}</dt>
              <dd>{lic.expiresAt ? dateOnly(lic.expiresAt, locale) : m.home.never}</dd>
            </div>
          )}
          <div>
            <dt>{m.home.activatedAt}</dt>
            <dd>
              {dateTime(lic.activatedAt, locale)}
              {lic.activatedOffline && <span className="muted"> · {m.home.activatedOffline}</span>}
            </dd>
          </div>
          <SeatCountsRow seats={lic.seats} testId={`seats-${p.id}`} />
        </dl>
      )}
      {p.state === 'active' && <SeatCheck product={p} />}

      {lic?.floating && p.state === 'active' && (
        <Suspense fallback={null}>
          <FloatingPanel product={p} />
        </Suspense>
      )}

      {p.state === 'offline-deactivated' && p.lastOffline && (
        <p className="muted" data-testid={`pending-${p.id}`}>
          {fmt(p.lastOffline.kind === 'licensespring-file' ? m.home.releasedNoteFile : m.home.releasedNoteCode, { date: dateTime(p.lastOffline.at, locale) })}
        </p>
      )}
      {p.state === 'offline-activation-pending' && <p className="muted">{m.home.pendingNote}</p>}

      <div className="actions">
        {p.state === 'active' && (
          <button type="button" className="btn btn-secondary" onClick={deactivate} aria-label={fmt(m.home.deactivateNamed, { product: p.name })}>
            {m.home.deactivate}
          </button>
        )}
        {p.state === 'offline-activation-pending' && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => nav.go({ name: 'activate-ls-offline', productId: p.id, startAtImport: true })}
            aria-label={fmt(m.home.completeActivationNamed, { product: p.name })}
          >
            {m.home.completeActivation}
          </button>
        )}
        {(p.state === 'inactive' || p.state === 'offline-deactivated' || p.state === 'offline-activation-pending') && (
          <button
            type="button"
            className={p.state === 'offline-activation-pending' ? 'btn btn-secondary' : 'btn btn-primary'}
            onClick={activate}
            aria-label={fmt(m.home.activateNamed, { product: p.name })}
          >
            {m.home.activate}
          </button>
        )}
        {p.lastOffline && (
          <button
            type="button"
            className="btn btn-link"
            onClick={() => p.lastOffline && nav.go({ name: 'record', record: p.lastOffline, fresh: false })}
            aria-label={fmt(m.home.showLastReleaseNamed, { product: p.name })}
          >
            {m.home.showLastRelease}
          </button>
        )}
      </div>
    </article>
  )
}
