import type { HistoryRecord } from '@shared/contract'
import { useApi, useEnv } from '../context'
import { CodeDisplay } from '../components/CodeDisplay'
import { CopyButton } from '../components/CopyButton'
import { QrCode } from '../components/QrCode'
import { ReadOnlyField } from '../components/ReadOnlyField'
import { ScreenHeading } from '../components/ScreenHeading'
import { dateInWords, dateTime, localYmd } from '../format'
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

/**
 * The top of a result screen. Just after the deactivation, an amber "one step left" mark: the seat is
 * only released once the vendor has the proof, which License Desk cannot see.
 */
function RecordHeader({ fresh, title, lead, waiting, meta }: { fresh: boolean; title: string; lead: string; waiting: string; meta: string }) {
  return (
    <>
      {fresh && (
        <div className="result-mark pending" aria-hidden="true">
          <svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" focusable="false" aria-hidden="true">
            <circle cx="12" cy="12" r="9" />
            <path d="M12 7v5l3 2" />
          </svg>
        </div>
      )}
      <ScreenHeading>{title}</ScreenHeading>
      <p className="lead">{lead}</p>
      <p className="notice notice-warn" data-testid="vendor-side">
        {waiting}
      </p>
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
        title={fresh ? m.record.fileTitle : m.record.fileTitleSeen}
        lead={byKey ? m.seats.fileLeadByKey : m.record.fileLead}
        waiting={m.record.fileWaiting}
        meta={`${record.productName} · ${m.record.savedAt} ${dateTime(record.at, locale)}`}
      />
      <div className="card">
        <ReadOnlyField label={m.record.filePath} value={record.filePath} testId="saved-file-path" />
        {/* The portal shows the request ID back after the upload: as easy to compare as the checksum. */}
        <ReadOnlyField label={m.record.requestId} value={record.requestId} testId="request-id" />
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
            <li key={i}>{fmt(s, { portal: portal ?? m.record.portalFallback, product: record.productName, requestId: record.requestId })}</li>
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
      </Section>
      <Footer fresh={fresh} />
    </>
  )
}

function DvcRecord({ record, fresh, byKey }: { record: Extract<HistoryRecord, { kind: 'qlm-dvc' }>; fresh: boolean; byKey: boolean }) {
  const { m, locale } = useI18n()
  const api = useApi()
  const date = dateInWords(record.validFor, locale)
  // A code is valid on one calendar day only (this computer's or UTC's, as the profile says); a code
  // shown again on a later day says so instead of looking usable.
  const now = new Date()
  const today = record.validFor === localYmd(now) || record.validFor === now.toISOString().slice(0, 10)
  return (
    <>
      <RecordHeader
        fresh={fresh}
        title={fresh ? m.record.dvcTitle : m.record.dvcTitleSeen}
        lead={byKey ? m.seats.dvcLeadByKey : m.record.dvcLead}
        waiting={m.record.dvcWaiting}
        meta={`${record.productName} · ${m.record.createdAt} ${dateTime(record.at, locale)}`}
      />
      {/* The release page's form, in its order and with its names: activation key, computer ID, code. */}
      <Section title={m.record.formTitle} className="release-form">
        <p className="muted">{m.record.formHelp}</p>
        {record.activationKey ? (
          <ReadOnlyField label={m.record.activationKey} value={record.activationKey} testId="dvc-activation-key" />
        ) : (
          <div className="field">
            <p className="label">{m.record.activationKey}</p>
            <p className="muted">{m.record.activationKeyMissing}</p>
          </div>
        )}
        <ReadOnlyField label={m.record.computerId} value={record.computerId} testId="dvc-computer-id" />
        {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of read-only parts, not a form's fieldset */}
        <div className="code-card" role="group" aria-label={m.record.code}>
          <p className="label">{m.record.code}</p>
          <CodeDisplay code={record.code} testId="dvc-code" />
          <p className="valid-for" data-testid="dvc-valid-for" data-date={record.validFor}>
            {fmt(today ? m.record.validToday : m.record.validPast, { date })}
          </p>
          <div className="actions">
            <CopyButton text={record.code} what={m.record.code} className="btn btn-primary" />
          </div>
        </div>
      </Section>
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
      {record.supportMailto && (
        <div className="card">
          <div className="actions">
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => record.supportMailto && void api.openExternal({ url: record.supportMailto })}
              aria-describedby="email-help"
            >
              {m.record.emailSupport}
            </button>
          </div>
          <p id="email-help" className="help">
            {m.record.emailHelp}
          </p>
        </div>
      )}
      <Footer fresh={fresh} />
    </>
  )
}
