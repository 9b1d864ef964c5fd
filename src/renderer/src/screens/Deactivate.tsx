import { useState } from 'react'
import { clockWorthWarning } from '@shared/error-policy'
import { useAnnounce, useApi } from '../context'
import { ErrorPanel } from '../components/ErrorPanel'
import { seatsText } from '../components/SeatInfo'
import { ScreenHeading } from '../components/ScreenHeading'
import { minutes, newOperationId } from '../format'
import { fmt, num, useI18n } from '../i18n'
import { useNav, type DeactivateMode, type Screen } from '../nav'
import { useProgressText } from '../useOperation'
import { BackButton, DoneButton, MethodChoice, useProduct } from './common'

export function DeactivateMethod({ productId }: { productId: string }) {
  const { m } = useI18n()
  const nav = useNav()
  const product = useProduct(productId)
  if (!product) return null
  // The offline proof is a code to send (QLM) or a request file to upload (LicenseSpring).
  const qlm = product.offlineDeactivation === 'code'
  return (
    <>
      <ScreenHeading>{fmt(m.deactivate.chooseTitle, { product: product.name })}</ScreenHeading>
      <MethodChoice<DeactivateMode>
        legend={m.deactivate.methodLegend}
        initial="online"
        choices={[
          { value: 'online', label: m.deactivate.online, help: m.deactivate.onlineHelp },
          { value: 'offline', label: m.deactivate.offline, help: qlm ? m.deactivate.offlineHelpQlm : m.deactivate.offlineHelpLs }
        ]}
        onContinue={(mode) => nav.go({ name: 'deactivate-confirm', productId, mode })}
      />
    </>
  )
}

export function DeactivateConfirm({ screen }: { screen: Extract<Screen, { name: 'deactivate-confirm' }> }) {
  const { m } = useI18n()
  const api = useApi()
  const nav = useNav()
  const announce = useAnnounce()
  const product = useProduct(screen.productId)
  // The product disappears from "active" once it is released; keep its name for this flow.
  const [name] = useState(product?.name ?? screen.productId)
  const { productId, mode } = screen
  const qlm = product?.offlineDeactivation === 'code'

  async function run(runMode: DeactivateMode) {
    const operationId = newOperationId()
    nav.go({ name: 'deactivate-progress', productId, mode: runMode, operationId })
    if (runMode === 'online') {
      const r = await api.deactivateOnline({ productId, operationId })
      await nav.refresh()
      if (r.ok) {
        announce(fmt(m.deactivate.doneTitle, { product: name }))
        nav.replace({ name: 'deactivate-done', productId, alreadyReleased: r.value.alreadyReleased, clockOffsetMs: r.value.clockOffsetMs })
      } else if (r.error.code === 'cancelled') {
        announce(m.deactivate.cancelled)
        nav.backWith({ name: 'deactivate-confirm', productId, mode: runMode, notice: 'cancelled' })
      } else {
        nav.backWith({ name: 'deactivate-confirm', productId, mode: runMode, error: r.error })
      }
      return
    }
    const r = await api.deactivateOffline({ productId, operationId })
    await nav.refresh()
    if (r.ok && !r.value.cancelled) {
      nav.replace({ name: 'record', record: r.value.record, fresh: true })
    } else if (r.ok || r.error.code === 'cancelled') {
      const notice = r.ok ? 'save-cancelled' : 'cancelled'
      announce(notice === 'cancelled' ? m.deactivate.cancelled : m.deactivate.saveCancelled)
      nav.backWith({ name: 'deactivate-confirm', productId, mode: runMode, notice })
    } else {
      nav.backWith({ name: 'deactivate-confirm', productId, mode: runMode, error: r.error })
    }
  }

  const text = mode === 'online' ? m.deactivate.confirmOnline : qlm ? m.deactivate.confirmOfflineQlm : m.deactivate.confirmOfflineLs

  return (
    <>
      <ScreenHeading>{fmt(m.deactivate.confirmTitle, { product: name })}</ScreenHeading>
      {screen.error && (
        <ErrorPanel
          error={screen.error}
          productName={name}
          onRetry={() => void run(mode)}
          onGoOffline={mode === 'online' && product?.canDeactivateOffline ? () => nav.replace({ name: 'deactivate-confirm', productId, mode: 'offline' }) : undefined}
        />
      )}
      {screen.notice && (
        <p className="notice notice-info" data-testid="notice">
          {screen.notice === 'cancelled' ? m.deactivate.cancelled : m.deactivate.saveCancelled}
        </p>
      )}
      <div className="card confirm-card">
        <p className="lead">{fmt(text, { product: name })}</p>
        <p className="notice notice-warn">{fmt(m.deactivate.confirmWarn, { product: name })}</p>
        {seatsText(m, product?.license?.seats) && (
          <p className="muted" data-testid="confirm-seats">
            {m.seats.seatsLabel}: {seatsText(m, product?.license?.seats)}
          </p>
        )}
        <div className="actions actions-end">
          <BackButton />
          {/* The button says what follows: a save dialog, or the code. */}
          <button type="button" className="btn btn-danger" onClick={() => void run(mode)} disabled={product?.state !== 'active'}>
            {mode === 'online' ? m.deactivate.confirm : qlm ? m.deactivate.confirmShowCode : m.deactivate.confirmSaveFile}
          </button>
        </div>
      </div>
    </>
  )
}

export function DeactivateProgress({ screen }: { screen: Extract<Screen, { name: 'deactivate-progress' }> }) {
  const { m } = useI18n()
  const api = useApi()
  const product = useProduct(screen.productId)
  const [name] = useState(product?.name ?? screen.productId)
  const [cancelling, setCancelling] = useState(false)
  const text = useProgressText(screen.operationId) ?? m.progress.preparing
  return (
    <>
      <ScreenHeading>{fmt(m.deactivate.progressTitle, { product: name })}</ScreenHeading>
      <div className="card progress-card" aria-busy="true">
        <div className="progress-bar" aria-hidden="true">
          <span />
        </div>
        <p className="progress-text" data-testid="progress-text">
          {text}
        </p>
        <div className="actions actions-end">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={cancelling}
            onClick={() => {
              setCancelling(true)
              void api.cancel({ operationId: screen.operationId })
            }}
          >
            {m.common.cancel}
          </button>
        </div>
      </div>
    </>
  )
}

export function DeactivateDone({ productId, alreadyReleased, clockOffsetMs }: { productId: string; alreadyReleased: boolean; clockOffsetMs?: number }) {
  const { m, locale } = useI18n()
  const product = useProduct(productId)
  const name = product?.name ?? productId
  return (
    <>
      <div className="result-mark ok" aria-hidden="true">
        ✓
      </div>
      <ScreenHeading>{fmt(m.deactivate.doneTitle, { product: name })}</ScreenHeading>
      <p className="lead">{fmt(m.deactivate.doneText, { product: name })}</p>
      {alreadyReleased && <p className="notice notice-info">{m.deactivate.alreadyReleased}</p>}
      {clockWorthWarning(clockOffsetMs) && <p className="notice notice-warn">{fmt(m.activate.clockNote, { minutes: num(minutes(clockOffsetMs), locale) })}</p>}
      <div className="actions">
        <DoneButton />
      </div>
    </>
  )
}
