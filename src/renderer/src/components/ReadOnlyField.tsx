import { useId } from 'react'
import { CopyButton } from './CopyButton'

/** A read-only (never disabled) text field with a Copy button, so it stays focusable and selectable. */
export function ReadOnlyField({
  label,
  value,
  testId,
  help,
  mono = true,
  multiline = false,
  rows = 3
}: {
  label: string
  value: string
  testId?: string
  help?: string
  mono?: boolean
  multiline?: boolean
  rows?: number
}) {
  const id = useId()
  const helpId = `${id}-help`
  const cls = mono ? 'input input-readonly mono' : 'input input-readonly'
  return (
    <div className="field">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="copy-row">
        {multiline ? (
          <textarea
            id={id}
            className={`${cls} textarea`}
            readOnly
            value={value}
            rows={rows}
            data-testid={testId}
            aria-describedby={help ? helpId : undefined}
            onFocus={(e) => e.currentTarget.select()}
          />
        ) : (
          <input
            id={id}
            className={cls}
            type="text"
            readOnly
            value={value}
            data-testid={testId}
            aria-describedby={help ? helpId : undefined}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
        <CopyButton text={value} what={label} />
      </div>
      {help && (
        <p id={helpId} className="help">
          {help}
        </p>
      )}
    </div>
  )
}
