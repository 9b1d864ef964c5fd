import type { HistoryRecord } from '@shared/contract'
import { useApi, useEnv } from '../context'
import { CodeDisplay } from '../components/CodeDisplay'
import { CopyButton } from '../components/CopyButton'
import { QrCode } from '../components/QrCode'
import { ReadOnlyField } from '../components/ReadOnlyField'
import { ScreenHeading } from '../components/ScreenHeading'
import { dateInWords, dateTime } from '../format'
import { fmt, useI18n } from '../i18n'
import { BackButton, DoneButton, Section } from './common'

/** The proof of an offline deactivation: the saved LicenseSpring file, or the QLM code. */
/** byKey: the proof of a seat released by key (License Desk removed nothing here), said so in the lead. */
export function RecordScreen({ record, fresh, byKey = false }: { record: HistoryRecord; fresh: boolean; byKey?: boolean }) {
  return record.kind === 'licensespring-file' ? <FileRecord record={record} fresh={fresh} byKey={byKey} /> : <DvcRecord record={record} fresh={fresh} byKey={byKey} />
}

function Footer({ fresh }: { fresh: boolean }) {
  return <div className="actions">{fresh ? <DoneButton /> : <BackButton />}</div>
}

/** The top of a result screen: the check mark when just made, heading (focused), lead and when. */
function RecordHeader({ fresh, title, lead, meta }: { fresh: boolean; title: string; lead: string; meta: string }) {
  return (
    <>
      {fresh && (
        <div className="result-mark ok" aria-hidden="true">
          ✓
        </div>
      )}
      <ScreenHeading>{title}</ScreenHeading>
      <p className="lead">{lead}</p>
      <p className="muted small">{meta}</p>
    </>
  )
}

function FileRecord({ record, fresh, byKey }: { record: Extract<HistoryRecord, { kind: 'licensespring-file' }>; fresh: boolean; byKey: boolean }) {
  const { m, locale } = useI18n()
  const api = useApi()
  const { status } = useEnv()
  const portal = record.portalUrl ?? status?.products.find((p) => p.id === record.productId)?.portalUrl
  return (
    <>
      <RecordHeader
        fresh={fresh}
        title={m.record.fileTitle}
        lead={byKey ? m.seats.fileLeadByKey : m.record.fileLead}
        meta={`${record.productName} · ${m.record.savedAt} ${dateTime(record.at, locale)}`}
      />
      <div className="card">
        <ReadOnlyField label={m.record.filePath} value={record.filePath} testId="saved-file-path" />
        <ReadOnlyField label={m.activate.sha256} value={record.sha256} testId="file-sha256" multiline rows={2} />
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={() => void api.showInFolder({ recordId: record.id })}>
            {m.record.showInFolder}
          </button>
        </div>
      </div>
      <Section title={m.record.stepsTitle}>
        <ol className="numbered">
          {m.record.fileSteps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of steps from the catalog
            <li key={i}>{fmt(s, { portal: i === 1 && portal ? portal : m.record.portalFallback, product: record.productName })}</li>
          ))}
        </ol>
        {portal && (
          <div className="actions">
            <CopyButton text={portal} what={m.activate.portal} label={m.record.copyPortal} />
            <button type="button" className="btn btn-secondary" onClick={() => void api.openExternal({ url: portal })}>
              {m.activate.openPortal}
            </button>
          </div>
        )}
        <p className="muted small">
          {m.record.requestId}:{' '}
          <span className="mono" data-testid="request-id">
            {record.requestId}
          </span>
        </p>
      </Section>
      <Footer fresh={fresh} />
    </>
  )
}

function DvcRecord({ record, fresh, byKey }: { record: Extract<HistoryRecord, { kind: 'qlm-dvc' }>; fresh: boolean; byKey: boolean }) {
  const { m, locale } = useI18n()
  const api = useApi()
  const validFor = dateInWords(record.validFor, locale)
  return (
    <>
      <RecordHeader
        fresh={fresh}
        title={m.record.dvcTitle}
        lead={byKey ? m.seats.dvcLeadByKey : m.record.dvcLead}
        meta={`${record.productName} · ${m.record.createdAt} ${dateTime(record.at, locale)}`}
      />
      <section className="card code-card" aria-label={m.record.code}>
        <p className="label">{m.record.code}</p>
        <CodeDisplay code={record.code} testId="dvc-code" />
        <p className="valid-for" data-testid="dvc-valid-for" data-date={record.validFor}>
          {fmt(m.record.validForText, { date: validFor })}
        </p>
        <div className="actions">
          <CopyButton text={record.code} what={m.record.code} className="btn btn-primary" />
          {record.supportMailto && (
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => record.supportMailto && void api.openExternal({ url: record.supportMailto })}
              aria-describedby="email-help"
            >
              {m.record.emailSupport}
            </button>
          )}
        </div>
        {record.supportMailto && (
          <p id="email-help" className="help">
            {m.record.emailHelp}
          </p>
        )}
      </section>
      {record.selfHelpUrl && (
        <Section title={m.record.qrTitle}>
          <div className="qr-layout">
            <div className="qr-text">
              <p className="muted">{m.record.qrHelp}</p>
              <ReadOnlyField label={m.record.selfHelpUrl} value={record.selfHelpUrl} testId="self-help-url" multiline mono={false} />
              <button type="button" className="btn btn-secondary" onClick={() => record.selfHelpUrl && void api.openExternal({ url: record.selfHelpUrl })}>
                {m.record.openSelfHelp}
              </button>
            </div>
            <QrCode text={record.selfHelpUrl} alt={m.record.qrAlt} testId="self-help-qr" />
          </div>
        </Section>
      )}
      <div className="card">
        <ReadOnlyField label={m.record.computerId} value={record.computerId} testId="dvc-computer-id" />
      </div>
      <Footer fresh={fresh} />
    </>
  )
}
