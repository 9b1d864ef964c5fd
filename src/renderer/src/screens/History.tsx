import { useEffect, useState } from 'react'
import type { HistoryRecord } from '@shared/contract'
import type { ErrorInfo } from '@shared/errors'
import { useApi } from '../context'
import { ErrorPanel } from '../components/ErrorPanel'
import { ScreenHeading } from '../components/ScreenHeading'
import { dateTime } from '../format'
import { fmt, useI18n } from '../i18n'
import { useNav } from '../nav'
import '../screens.css'

export function HistoryScreen() {
  const { m, locale } = useI18n()
  const api = useApi()
  const nav = useNav()
  const [records, setRecords] = useState<HistoryRecord[] | null>(null)
  const [error, setError] = useState<ErrorInfo | null>(null)

  async function load() {
    setError(null)
    const r = await api.listHistory()
    if (r.ok) setRecords([...r.value].sort((a, b) => b.at.localeCompare(a.at)))
    else setError(r.error)
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per API object; load() is recreated every render
  useEffect(() => {
    void load()
  }, [api])

  return (
    <>
      <ScreenHeading>{m.history.title}</ScreenHeading>
      <p className="lead">{m.history.intro}</p>
      {error && <ErrorPanel error={error} onRetry={() => void load()} />}
      {records === null && !error && <p className="muted">{m.app.loading}</p>}
      {records?.length === 0 && <p className="card empty">{m.history.empty}</p>}
      {records && records.length > 0 && (
        <div className="card table-card">
          <table className="table">
            <caption className="visually-hidden">{m.history.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.history.product}</th>
                <th scope="col">{m.history.kind}</th>
                <th scope="col">{m.history.date}</th>
                <th scope="col">
                  <span className="visually-hidden">{m.history.action}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => {
                const kind = r.kind === 'licensespring-file' ? m.history.file : m.history.code
                const date = dateTime(r.at, locale)
                return (
                  <tr key={r.id} data-testid={`history-${r.id}`}>
                    <th scope="row">{r.productName}</th>
                    <td>{kind}</td>
                    <td>{date}</td>
                    <td className="cell-action">
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        onClick={() => nav.go({ name: 'record', record: r, fresh: false })}
                        aria-label={fmt(m.history.showNamed, { kind, product: r.productName, date })}
                      >
                        {m.history.show}
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
