import { useRef, useState, type FormEvent } from 'react'
import { clockWorthWarning } from '@shared/error-policy'
import type { ErrorInfo } from '@shared/errors'
import { useApi } from '../context'
import { ErrorPanel } from '../components/ErrorPanel'
import { Field, KeyField } from '../components/Field'
import { LicensePicker } from '../components/LicensePicker'
import { SsoSignInNote } from '../components/SsoSignInNote'
import { ScreenHeading } from '../components/ScreenHeading'
import { minutes } from '../format'
import { fmt, num, useI18n } from '../i18n'
import { useNav } from '../nav'
import { useOperation } from '../useOperation'
import { BackButton, DoneButton, MethodChoice, useProduct } from './common'

export function ActivateMethod({ productId }: { productId: string }) {
  const { m } = useI18n()
  const nav = useNav()
  const product = useProduct(productId)
  if (!product) return null
  // A request file to upload (LicenseSpring), or the vendor's activation page (QLM).
  const qlm = product.offlineActivation !== 'request-file'
  return (
    <>
      <ScreenHeading>{fmt(m.activate.chooseTitle, { product: product.name })}</ScreenHeading>
      <MethodChoice
        legend={m.activate.methodLegend}
        initial="online"
        choices={[
          { value: 'online', label: m.activate.online, help: m.activate.onlineHelp },
          { value: 'offline', label: m.activate.offline, help: qlm ? m.activate.offlineHelpQlm : m.activate.offlineHelpLs }
        ]}
        onContinue={(v) => {
          if (v === 'online') nav.go({ name: 'activate-online', productId })
          else nav.go({ name: qlm ? 'activate-qlm-offline' : 'activate-ls-offline', productId })
        }}
      />
    </>
  )
}

export interface ActivationErrors {
  key?: string
  username?: string
  password?: string
}

/** Client-side checks before anything is sent; returns the message per field. */
export function validateActivation(
  authorization: 'license-key' | 'user' | 'sso' | 'qlm-key',
  v: { key: string; username: string; password: string },
  m: ReturnType<typeof useI18n>['m']
): ActivationErrors {
  const e: ActivationErrors = {}
  if (authorization === 'sso') return e // nothing to type: the sign-in happens in the browser
  if (authorization === 'user') {
    if (!v.username.trim()) e.username = m.activate.missingUsername
    if (!v.password) e.password = m.activate.missingPassword
  } else if (!v.key.trim()) {
    e.key = authorization === 'qlm-key' ? m.activate.missingActivationKey : m.activate.missingKey
  }
  return e
}

export function ActivateOnline({ productId }: { productId: string }) {
  const { m } = useI18n()
  const api = useApi()
  const nav = useNav()
  const product = useProduct(productId)
  const op = useOperation()
  const [key, setKey] = useState('')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [licenseId, setLicenseId] = useState<number | undefined>()
  const [fieldErrors, setFieldErrors] = useState<ActivationErrors>({})
  const [error, setError] = useState<ErrorInfo | null>(null)
  const keyRef = useRef<HTMLInputElement>(null)
  const userRef = useRef<HTMLInputElement>(null)
  const passRef = useRef<HTMLInputElement>(null)
  if (!product) return null
  const auth = product.authorization

  async function submit(e?: FormEvent) {
    e?.preventDefault()
    if (op.running || !product) return
    const fe = validateActivation(auth, { key, username, password }, m)
    setFieldErrors(fe)
    if (fe.key) return keyRef.current?.focus()
    if (fe.username) return userRef.current?.focus()
    if (fe.password) return passRef.current?.focus()
    setError(null)
    const operationId = op.start()
    const r = await api.activateOnline(
      auth === 'sso'
        ? { productId, operationId, sso: true }
        : auth === 'user'
          ? { productId, operationId, username: username.trim(), password, ...(licenseId !== undefined ? { licenseId } : {}) }
          : { productId, operationId, licenseKey: key.trim() }
    )
    op.finish()
    if (r.ok) {
      await nav.refresh()
      nav.replace({ name: 'activate-done', productId, clockOffsetMs: r.value.clockOffsetMs })
    } else if (r.error.code !== 'cancelled') {
      setError(r.error)
    }
  }

  const offlineScreen = product.offlineActivation === 'request-file' ? 'activate-ls-offline' : 'activate-qlm-offline'

  return (
    <>
      <ScreenHeading>{fmt(m.activate.onlineTitle, { product: product.name })}</ScreenHeading>
      {error && (
        <ErrorPanel
          error={error}
          productName={product.name}
          inputKept
          onRetry={() => void submit()}
          onGoOffline={product.canActivateOffline ? () => nav.replace({ name: offlineScreen, productId }) : undefined}
        />
      )}
      <form className="card form" onSubmit={submit} noValidate aria-busy={op.running}>
        {auth === 'sso' ? (
          <SsoSignInNote waiting={op.running} />
        ) : auth === 'user' ? (
          <>
            <Field
              label={m.activate.username}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              error={fieldErrors.username}
              autoComplete="username"
              inputRef={userRef}
              required
              name="username"
              data-testid="username"
            />
            <Field
              label={m.activate.password}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldErrors.password}
              autoComplete="current-password"
              inputRef={passRef}
              required
              name="password"
              data-testid="password"
            />
            <LicensePicker productId={productId} username={username} password={password} value={licenseId} onChange={setLicenseId} />
          </>
        ) : (
          <KeyField
            label={auth === 'qlm-key' ? m.activate.activationKey : m.activate.licenseKey}
            help={auth === 'qlm-key' ? m.activate.activationKeyHelp : m.activate.licenseKeyHelp}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            error={fieldErrors.key}
            autoCapitalize="characters"
            inputRef={keyRef}
            name="licenseKey"
            data-testid="license-key"
          />
        )}
        {op.running && op.progress && (
          <p className="progress-inline" aria-hidden="true">
            <span className="spinner" /> {op.progress}
          </p>
        )}
        <div className="actions actions-end">
          <BackButton disabled={op.running} />
          {op.running && (
            <button type="button" className="btn btn-secondary" onClick={() => void op.cancel()}>
              {m.common.cancel}
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={op.running}>
            {auth === 'sso' ? (op.running ? m.sso.waiting : m.sso.submit) : op.running ? m.activate.submitting : m.activate.submit}
          </button>
        </div>
      </form>
    </>
  )
}

export function ActivateDone({ productId, clockOffsetMs }: { productId: string; clockOffsetMs?: number }) {
  const { m, locale } = useI18n()
  const product = useProduct(productId)
  const name = product?.name ?? productId
  return (
    <>
      <div className="result-mark ok" aria-hidden="true">
        ✓
      </div>
      <ScreenHeading>{fmt(m.activate.doneTitle, { product: name })}</ScreenHeading>
      <p className="lead">{m.activate.doneText}</p>
      {clockWorthWarning(clockOffsetMs) && <p className="notice notice-warn">{fmt(m.activate.clockNote, { minutes: num(minutes(clockOffsetMs), locale) })}</p>}
      <div className="actions">
        <DoneButton />
      </div>
    </>
  )
}
