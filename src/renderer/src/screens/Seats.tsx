// Seats License Desk holds no record of: "Release a license that is on this computer" (the vendor's own
// product took it, by key under the profile's recipe) and "Release the seat of another computer" (its id
// typed, pasted or from an imported seat receipt). Before the call the screen says which computer loses
// its seat. And the seat receipts kept at every activation, to show and save.
import { useEffect, useState } from 'react'
import type { ComputerIdsInfo, ReleaseSeatResult, SeatReceipt } from '@shared/contract'
import type { ErrorInfo } from '@shared/errors'
import { useAnnounce, useApi, useEnv } from '../context'
import { ErrorPanel } from '../components/ErrorPanel'
import { Field, KeyField } from '../components/Field'
import { ScreenHeading } from '../components/ScreenHeading'
import { dateTime, newOperationId } from '../format'
import { fmt, useI18n } from '../i18n'
import { useNav } from '../nav'
import { BackButton, DoneButton, RadioChoices, Section } from './common'

type Whose = 'this' | 'other'
type Mode = 'online' | 'offline'

export function ReleaseSeatScreen({ productId: initialProduct, whose: initialWhose }: { productId?: string; whose?: Whose }) {
  const { m, locale } = useI18n()
  const api = useApi()
  const nav = useNav()
  const announce = useAnnounce()
  const { status } = useEnv()
  const products = status?.products ?? []
  const [productId, setProductId] = useState(initialProduct ?? products[0]?.id ?? '')
  const [whose, setWhose] = useState<Whose>(initialWhose ?? 'this')
  const [mode, setMode] = useState<Mode>('online')
  const [key, setKey] = useState('')
  const [user, setUser] = useState('')
  const [password, setPassword] = useState('')
  const [oldId, setOldId] = useState('')
  const [receipt, setReceipt] = useState<SeatReceipt | null>(null)
  const [ids, setIds] = useState<ComputerIdsInfo | null>(null)
  const [error, setError] = useState<ErrorInfo | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<Extract<ReleaseSeatResult, { mode: 'online' }> | null>(null)
  const product = products.find((p) => p.id === productId)
  const byUser = product?.authorization === 'user'

  useEffect(() => {
    void api.getComputerIds().then((r) => {
      if (r.ok) setIds(r.value)
    })
  }, [api])

  async function importReceipt() {
    setError(null)
    const r = await api.importReceipt({ dialog: true })
    if (!r.ok) return setError(r.error)
    if (r.value.cancelled) return
    const got = r.value.receipt
    setReceipt(got)
    setOldId('')
    if (products.some((p) => p.id === got.productId)) setProductId(got.productId)
  }

  const thisId = ids?.products.find((p) => p.productId === productId)
  const targetId = whose === 'this' ? thisId?.id : (receipt?.hardwareId ?? oldId.trim())

  async function submit() {
    if (!product) return
    setBusy(true)
    setError(null)
    const r = await api.releaseSeat({
      productId,
      operationId: newOperationId(),
      ...(byUser ? { username: user, ...(password ? { password } : {}) } : { licenseKey: key }),
      ...(whose === 'other' ? (receipt ? { receipt } : { oldHardwareId: oldId }) : {}),
      offline: mode === 'offline'
    })
    setBusy(false)
    if (!r.ok) return setError(r.error)
    if (r.value.cancelled) return
    await nav.refresh()
    if (r.value.mode === 'offline') return nav.replace({ name: 'record', record: r.value.record, fresh: true, byKey: true })
    announce(fmt(m.seats.doneTitle, { product: product.name }))
    setDone(r.value)
  }

  if (done)
    return (
      <>
        <ScreenHeading key="done">{fmt(m.seats.doneTitle, { product: done.productName })}</ScreenHeading>
        <div className="card">
          <p className="lead" data-testid="release-done">
            {fmt(done.otherComputer ? m.seats.doneOther : m.seats.doneThis, { id: done.hardwareId, product: done.productName })}
          </p>
          {done.alreadyReleased && <p className="muted">{m.seats.alreadyReleased}</p>}
          <div className="actions actions-end">
            <DoneButton />
          </div>
        </div>
      </>
    )

  const qlm = product?.offlineDeactivation === 'code'
  return (
    <>
      <ScreenHeading>{m.seats.releaseTitle}</ScreenHeading>
      <p className="lead">{m.seats.releaseLead}</p>
      {error && <ErrorPanel error={error} productName={product?.name} onRetry={() => void submit()} inputKept />}
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <div className="field">
          <label className="label" htmlFor="release-product">
            {m.seats.product}
          </label>
          <select id="release-product" className="input" value={productId} onChange={(e) => setProductId(e.target.value)}>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <RadioChoices<Whose>
          showLegend
          legend={m.seats.whoseLegend}
          value={whose}
          onChange={setWhose}
          choices={[
            { value: 'this', label: m.seats.thisComputer, help: m.seats.thisComputerHelp },
            { value: 'other', label: m.seats.otherComputer, help: m.seats.otherComputerHelp }
          ]}
        />
        {byUser ? (
          <>
            <Field label={m.activate.username} value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" required />
            <Field
              label={m.activate.password}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required={mode === 'online'}
            />
          </>
        ) : (
          <KeyField label={qlm ? m.activate.activationKey : m.activate.licenseKey} value={key} onChange={(e) => setKey(e.target.value)} />
        )}
        {whose === 'other' && (
          <>
            {receipt ? (
              <p className="notice notice-info" data-testid="receipt-loaded">
                {fmt(m.seats.receiptLoaded, { product: receipt.productName, date: dateTime(receipt.at, locale), host: receipt.hostname || m.seats.receiptUnknownHost })}
              </p>
            ) : (
              <KeyField label={m.seats.oldId} help={m.seats.oldIdHelp} value={oldId} onChange={(e) => setOldId(e.target.value)} />
            )}
            <button type="button" className="btn btn-secondary" onClick={() => void importReceipt()}>
              {m.seats.importReceipt}
            </button>
          </>
        )}
        <RadioChoices<Mode>
          showLegend
          legend={m.seats.methodLegend}
          value={mode}
          onChange={setMode}
          choices={[
            { value: 'online', label: m.seats.online, help: m.seats.onlineHelp },
            { value: 'offline', label: m.seats.offline, help: qlm ? m.seats.offlineHelpQlm : m.seats.offlineHelpLs }
          ]}
        />
        {product && (
          <p className="notice notice-warn" data-testid="release-target">
            {targetId
              ? fmt(whose === 'this' ? m.seats.willLoseThis : m.seats.willLoseOther, { product: product.name, id: targetId })
              : whose === 'this'
                ? fmt(m.seats.idUnknown, { product: product.name })
                : m.seats.oldIdHelp}
          </p>
        )}
        <div className="actions actions-end">
          <BackButton />
          <button type="submit" className="btn btn-danger" disabled={busy || !product || !targetId}>
            {m.seats.submit}
          </button>
        </div>
      </form>
      {whose === 'this' && ids && ids.candidates.length > 0 && (
        <Section title={m.seats.idsTitle}>
          <p className="muted small">{m.seats.idsHelp}</p>
          <dl className="facts" data-testid="computer-ids">
            {ids.candidates.map((c) => (
              <div key={c.recipe}>
                <dt>{c.recipe}</dt>
                <dd className="mono small">{c.id ?? `${m.seats.noId} (${c.error?.code ?? ''})`}</dd>
              </div>
            ))}
          </dl>
        </Section>
      )}
    </>
  )
}

export function ReceiptsScreen() {
  const { m, locale } = useI18n()
  const api = useApi()
  const announce = useAnnounce()
  const [receipts, setReceipts] = useState<SeatReceipt[] | null>(null)
  const [error, setError] = useState<ErrorInfo | null>(null)
  const [saved, setSaved] = useState<string | null>(null)

  useEffect(() => {
    void api.listReceipts().then((r) => (r.ok ? setReceipts(r.value) : setError(r.error)))
  }, [api])

  async function save(r: SeatReceipt) {
    setError(null)
    const s = await api.exportReceipt({ receiptId: r.id })
    if (!s.ok) return setError(s.error)
    if (s.value.cancelled) return
    const text = fmt(m.seats.saved, { path: s.value.filePath })
    setSaved(text)
    announce(text)
  }

  return (
    <>
      <ScreenHeading>{m.seats.receiptsTitle}</ScreenHeading>
      <p className="lead">{m.seats.receiptsLead}</p>
      {error && <ErrorPanel error={error} />}
      {saved && (
        <p className="notice notice-info" data-testid="receipt-saved">
          {saved}
        </p>
      )}
      {receipts === null && !error && <p className="muted">{m.app.loading}</p>}
      {receipts?.length === 0 && <p className="card empty">{m.seats.receiptsEmpty}</p>}
      {receipts && receipts.length > 0 && (
        <ul className="product-list">
          {receipts.map((r) => (
            <li key={r.id}>
              <article className="card" data-testid={`receipt-${r.id}`}>
                <h2 className="card-title">{r.productName}</h2>
                <dl className="facts">
                  <div>
                    <dt>{m.seats.key}</dt>
                    <dd className="mono">{r.keyHint ?? r.username}</dd>
                  </div>
                  <div>
                    <dt>{m.seats.computerId}</dt>
                    <dd className="mono small">{r.hardwareId}</dd>
                  </div>
                  {r.hostname && (
                    <div>
                      <dt>{m.seats.host}</dt>
                      <dd>{r.hostname}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{m.seats.activated}</dt>
                    <dd>{dateTime(r.at, locale)}</dd>
                  </div>
                </dl>
                <div className="actions">
                  <button
                    type="button"
                    className="btn btn-secondary"
                    onClick={() => void save(r)}
                    aria-label={fmt(m.seats.saveNamed, { product: r.productName, date: dateTime(r.at, locale) })}
                  >
                    {m.seats.save}
                  </button>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <BackButton />
      </div>
    </>
  )
}
