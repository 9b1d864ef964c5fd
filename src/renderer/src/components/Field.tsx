import { useId, type InputHTMLAttributes, type Ref } from 'react'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string
  error?: string
  help?: string
  inputRef?: Ref<HTMLInputElement>
}

/** A labelled input with optional help and an inline error tied by aria-describedby. */
export function Field({ label, error, help, inputRef, className, ...rest }: Props) {
  const id = useId()
  const helpId = `${id}-help`
  const errId = `${id}-err`
  const describedBy = [help ? helpId : '', error ? errId : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input id={id} ref={inputRef} className={`input ${className ?? ''}`} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      {help && (
        <p id={helpId} className="help">
          {help}
        </p>
      )}
      {error && (
        <p id={errId} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

/** A field for license keys, activation keys and computer keys: monospace, no spell check or autofill. */
export function KeyField(props: Props) {
  return <Field className="mono" spellCheck={false} autoComplete="off" autoCapitalize="off" required {...props} />
}
