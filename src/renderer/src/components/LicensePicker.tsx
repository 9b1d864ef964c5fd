import { useId, useState } from 'react'
import type { UserLicenseChoice } from '@shared/contract'
import type { ErrorInfo } from '@shared/errors'
import { useApi } from '../context'
import { dateOnly } from '../format'
import { fmt, useI18n } from '../i18n'
import { ErrorPanel } from './ErrorPanel'

/** The summary a user recognises a license by: type, validity, seats, the vendor's note. */
export function licenseSummary(l: UserLicenseChoice, m: ReturnType<typeof useI18n>['m'], locale: string): string {
  const type = l.isTrial ? m.licensePicker.trial : (m.home.licenseTypes[l.licenseType] ?? l.licenseType)
  const parts = [fmt(m.licensePicker.summary, { type, used: l.timesActivated, max: l.maxActivations })]
  if (l.expiresAt) parts.push(fmt(m.licensePicker.until, { date: dateOnly(l.expiresAt, locale) }))
  if (l.floating) parts.push(m.licensePicker.floating)
  return `${l.note ? `${l.note} — ` : ''}${parts.join(', ')} (#${l.licenseId})`
}

/**
 * For accounts that hold several licenses of a product: looks them up (the License API's user licenses
 * call) with the user name and password typed above, and lets the user pick one by its summary. The
 * chosen license_id goes with the activation.
 */
export function LicensePicker({
  productId,
  username,
  password,
  value,
  onChange
}: {
  productId: string
  username: string
  password: string
  value: number | undefined
  onChange: (licenseId: number | undefined) => void
}) {
  const { m, locale } = useI18n()
  const api = useApi()
  const name = useId()
  const [list, setList] = useState<UserLicenseChoice[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorInfo | null>(null)
  const [hint, setHint] = useState<string | null>(null)

  async function find() {
    if (!username.trim() || !password) {
      setHint(m.licensePicker.needAccount)
      return
    }
    setHint(null)
    setError(null)
    setBusy(true)
    const r = await api.listUserLicenses({ productId, username: username.trim(), password })
    setBusy(false)
    if (!r.ok) {
      setError(r.error)
      return
    }
    setList(r.value)
    onChange(r.value.length >= 1 ? r.value[0]!.licenseId : undefined)
  }

  return (
    <div className="license-picker" data-testid="license-picker">
      {error && <ErrorPanel error={error} />}
      {list === null ? (
        <>
          <button type="button" className="btn btn-link" onClick={() => void find()} disabled={busy} aria-busy={busy}>
            {busy ? m.licensePicker.finding : m.licensePicker.find}
          </button>
          {hint && (
            <p className="field-error" role="alert">
              {hint}
            </p>
          )}
        </>
      ) : list.length === 0 ? (
        <p className="muted">{m.licensePicker.none}</p>
      ) : list.length === 1 ? (
        <p className="muted" data-testid="license-single">
          {m.licensePicker.one} {licenseSummary(list[0]!, m, locale)}
        </p>
      ) : (
        <fieldset className="choices">
          <legend>{m.licensePicker.legend}</legend>
          {list.map((l) => (
            <label key={l.licenseId} className="choice">
              <input type="radio" name={name} value={l.licenseId} checked={value === l.licenseId} onChange={() => onChange(l.licenseId)} />
              <span>{licenseSummary(l, m, locale)}</span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  )
}
