import { useEffect, useState, type FormEvent } from 'react'
import type { QlmActivationUrl } from '@shared/contract'
import type { ErrorInfo } from '@shared/errors'
import { useAnnounce, useApi } from '../context'
import { ErrorPanel } from '../components/ErrorPanel'
import { Field, KeyField } from '../components/Field'
import { LicensePicker } from '../components/LicensePicker'
import { QrCode } from '../components/QrCode'
import { ReadOnlyField } from '../components/ReadOnlyField'
import { ScreenHeading } from '../components/ScreenHeading'
import { fmt, useI18n } from '../i18n'
import { useNav } from '../nav'
import { BackButton, Section, useProduct } from './common'

/** File.text(), with a FileReader fallback for engines that lack it. */
export function readText(file: Blob): Promise<string> {
  if (typeof file.text === 'function') return file.text()
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result ?? ''))
    r.onerror = () => reject(r.error)
    r.readAsText(file)
  })
}

/** '' → no license picked; a positive whole number → that license; anything else → null (say so). */
export function parseLicenseId(text: string): number | undefined | null {
  const t = text.trim().replace(/^#/, '')
  if (t === '') return undefined
  if (!/^[0-9]{1,15}$/.test(t)) return null
  const n = Number(t)
  return n > 0 ? n : null
}

type Saved = { filePath: string; sha256: string; portalUrl?: string }

export function LsOfflineActivate({ productId, startAtImport }: { productId: string; startAtImport: boolean }) {
  const { m } = useI18n()
  const api = useApi()
  const nav = useNav()
  const announce = useAnnounce()
  const product = useProduct(productId)
  const [key, setKey] = useState('')
  const [username, setUsername] = useState('')
  const [keyError, setKeyError] = useState<string | undefined>()
  // Several licenses on one account: the license ID, typed (from the vendor's portal) or picked after a look-up.
  const [licenseIdText, setLicenseIdText] = useState('')
  const [licenseIdError, setLicenseIdError] = useState<string | undefined>()
  const [password, setPassword] = useState('')
  const [saved, setSaved] = useState<Saved | null>(null)
  const [importOpen, setImportOpen] = useState(startAtImport)
  const [busy, setBusy] = useState<'save' | 'import' | null>(null)
  const [error, setError] = useState<ErrorInfo | null>(null)
  const [dragging, setDragging] = useState(false)
  const showImport = importOpen || saved !== null

  async function importContent(content?: string) {
    setBusy('import')
    setError(null)
    const r = await api.importOfflineActivation(content === undefined ? { productId } : { productId, content })
    setBusy(null)
    if (!r.ok) return setError(r.error)
    if (r.value.cancelled) return
    await nav.refresh()
    nav.replace({ name: 'activate-done', productId })
  }

  // The whole window is a drop target while the import step is visible.
  // biome-ignore lint/correctness/useExhaustiveDependencies: listeners are set up once per import step; importContent is recreated every render
  useEffect(() => {
    if (!showImport) return
    const over = (e: DragEvent) => {
      e.preventDefault()
      setDragging(true)
    }
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false)
    }
    const drop = (e: DragEvent) => {
      e.preventDefault()
      setDragging(false)
      const file = e.dataTransfer?.files?.[0]
      if (file) void readText(file).then((text) => importContent(text))
    }
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [showImport])

  if (!product) return null
  const byUser = product.authorization === 'user'
  const portal = saved?.portalUrl ?? product.portalUrl

  async function save(e: FormEvent) {
    e.preventDefault()
    const value = byUser ? username.trim() : key.trim()
    if (!value) {
      setKeyError(byUser ? m.activate.missingUsername : m.activate.missingKey)
      return
    }
    setKeyError(undefined)
    const licenseId = byUser ? parseLicenseId(licenseIdText) : undefined
    if (licenseId === null) {
      setLicenseIdError(m.activate.licenseIdInvalid)
      return
    }
    setLicenseIdError(undefined)
    setBusy('save')
    setError(null)
    const r = await api.createOfflineActivationRequest(
      byUser ? { productId, username: value, ...(licenseId !== undefined ? { licenseId } : {}) } : { productId, licenseKey: value }
    )
    setBusy(null)
    if (!r.ok) return setError(r.error)
    if (r.value.cancelled) return
    setSaved({ filePath: r.value.filePath, sha256: r.value.sha256, portalUrl: r.value.portalUrl })
    announce(`${m.activate.savedTo} ${r.value.filePath}`)
  }

  return (
    <>
      <ScreenHeading>{fmt(m.activate.lsOfflineTitle, { product: product.name })}</ScreenHeading>
      {error && <ErrorPanel error={error} productName={product.name} inputKept={(byUser ? username : key).trim() !== ''} />}

      <Section title={m.activate.lsStep1}>
        <p className="muted">{m.activate.lsStep1Help}</p>
        <form onSubmit={save} noValidate className="form">
          {byUser ? (
            <>
              <Field label={m.activate.username} value={username} onChange={(e) => setUsername(e.target.value)} error={keyError} autoComplete="username" required />
              <details className="more-licenses" open={licenseIdText !== '' || undefined} data-testid="several-licenses">
                <summary>{m.activate.severalLicenses}</summary>
                <Field
                  label={m.activate.licenseId}
                  help={m.activate.licenseIdHelp}
                  value={licenseIdText}
                  onChange={(e) => setLicenseIdText(e.target.value)}
                  error={licenseIdError}
                  inputMode="numeric"
                  autoComplete="off"
                  className="mono"
                  data-testid="license-id"
                />
                <p className="muted">{m.activate.lookUpOnline}</p>
                <Field label={m.activate.password} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
                <LicensePicker
                  productId={productId}
                  username={username}
                  password={password}
                  value={parseLicenseId(licenseIdText) ?? undefined}
                  onChange={(id) => setLicenseIdText(id === undefined ? '' : String(id))}
                />
              </details>
            </>
          ) : (
            <KeyField label={m.activate.licenseKey} value={key} onChange={(e) => setKey(e.target.value)} error={keyError} data-testid="license-key" />
          )}
          <div className="actions">
            {/* Once the import step is shown, importing is the main action. */}
            <button type="submit" className={showImport ? 'btn btn-secondary' : 'btn btn-primary'} disabled={busy !== null}>
              {busy === 'save' ? m.activate.saving : m.activate.saveRequest}
            </button>
            {!showImport && (
              <button type="button" className="btn btn-link" onClick={() => setImportOpen(true)}>
                {m.activate.haveLic}
              </button>
            )}
          </div>
        </form>
        {saved && (
          <div className="saved">
            <ReadOnlyField label={m.activate.savedTo} value={saved.filePath} testId="request-file-path" />
            <ReadOnlyField label={m.activate.sha256} value={saved.sha256} testId="request-file-sha256" multiline rows={2} />
          </div>
        )}
      </Section>

      {showImport && (
        <>
          <Section title={m.activate.lsStep2}>
            <ol className="numbered">
              {m.activate.lsStep2Items.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
            {portal && (
              <>
                <ReadOnlyField label={m.activate.portal} value={portal} testId="portal-url" mono={false} />
                <button type="button" className="btn btn-secondary" onClick={() => void api.openExternal({ url: portal })}>
                  {m.activate.openPortal}
                </button>
              </>
            )}
          </Section>
          <Section title={m.activate.lsStep3}>
            <div className={dragging ? 'dropzone dragging' : 'dropzone'} data-testid="dropzone">
              <button type="button" className="btn btn-primary" onClick={() => void importContent()} disabled={busy !== null}>
                {busy === 'import' ? m.activate.importing : m.activate.importLic}
              </button>
              <p className="muted">{dragging ? m.activate.dropActive : m.activate.dropHint}</p>
            </div>
          </Section>
        </>
      )}
      <div className="actions">
        <BackButton disabled={busy !== null} />
      </div>
    </>
  )
}

export function QlmOfflineActivate({ productId }: { productId: string }) {
  const { m } = useI18n()
  const api = useApi()
  const nav = useNav()
  const product = useProduct(productId)
  const [key, setKey] = useState('')
  const [keyError, setKeyError] = useState<string | undefined>()
  const [computerKey, setComputerKey] = useState('')
  const [ckError, setCkError] = useState<string | undefined>()
  const [link, setLink] = useState<QlmActivationUrl | null>(null)
  const [busy, setBusy] = useState<'url' | 'activate' | null>(null)
  const [error, setError] = useState<ErrorInfo | null>(null)
  if (!product) return null

  async function getUrl(e: FormEvent) {
    e.preventDefault()
    if (!key.trim()) return setKeyError(m.activate.missingActivationKey)
    setKeyError(undefined)
    setBusy('url')
    setError(null)
    const r = await api.getQlmActivationUrl({ productId, activationKey: key.trim() })
    setBusy(null)
    if (!r.ok) return setError(r.error)
    setLink(r.value)
  }

  async function activate(e: FormEvent) {
    e.preventDefault()
    if (!computerKey.trim()) return setCkError(m.activate.missingComputerKey)
    setCkError(undefined)
    setBusy('activate')
    setError(null)
    const r = await api.activateQlmWithComputerKey({ productId, activationKey: key.trim(), computerKey: computerKey.trim() })
    setBusy(null)
    if (!r.ok) return setError(r.error)
    await nav.refresh()
    nav.replace({ name: 'activate-done', productId, clockOffsetMs: r.value.clockOffsetMs })
  }

  return (
    <>
      <ScreenHeading>{fmt(m.activate.qlmOfflineTitle, { product: product.name })}</ScreenHeading>
      {error && <ErrorPanel error={error} productName={product.name} inputKept />}
      <Section title={m.activate.qlmStep1}>
        <form onSubmit={getUrl} noValidate className="form">
          <KeyField
            label={m.activate.activationKey}
            help={m.activate.activationKeyHelp}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            error={keyError}
            data-testid="activation-key"
          />
          <div className="actions">
            <button type="submit" className={link ? 'btn btn-secondary' : 'btn btn-primary'} disabled={busy !== null}>
              {busy === 'url' ? m.activate.gettingUrl : m.activate.getUrl}
            </button>
          </div>
        </form>
      </Section>
      {link && (
        <>
          <Section title={m.activate.qlmStep2}>
            <p className="muted">{m.activate.qlmStep2Help}</p>
            <div className="qr-layout">
              <div className="qr-text">
                <ReadOnlyField label={m.activate.computerId} value={link.computerId} testId="computer-id" />
                <ReadOnlyField label={m.activate.activationUrl} value={link.url} testId="activation-url" multiline />
              </div>
              <QrCode text={link.url} alt={m.activate.qrAlt} testId="activation-qr" />
            </div>
          </Section>
          <Section title={m.activate.qlmStep3}>
            <form onSubmit={activate} noValidate className="form">
              <KeyField
                label={m.activate.computerKey}
                help={m.activate.computerKeyHelp}
                value={computerKey}
                onChange={(e) => setComputerKey(e.target.value)}
                error={ckError}
                data-testid="computer-key"
              />
              <div className="actions">
                <button type="submit" className="btn btn-primary" disabled={busy !== null}>
                  {busy === 'activate' ? m.activate.submitting : m.activate.submit}
                </button>
              </div>
            </form>
          </Section>
        </>
      )}
      <div className="actions">
        <BackButton disabled={busy !== null} />
      </div>
    </>
  )
}
