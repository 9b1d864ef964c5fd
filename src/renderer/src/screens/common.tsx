import { useId, useState, type ReactNode } from 'react'
import type { ProductSummary } from '@shared/contract'
import { useEnv } from '../context'
import { useI18n } from '../i18n'
import { useNav } from '../nav'
import '../screens.css'

export function useProduct(productId: string): ProductSummary | undefined {
  const { status } = useEnv()
  return status?.products.find((p) => p.id === productId)
}

export function BackButton({ disabled }: { disabled?: boolean }) {
  const nav = useNav()
  const { m } = useI18n()
  if (!nav.canGoBack) return null
  return (
    <button type="button" className="btn btn-ghost" onClick={nav.back} disabled={disabled}>
      <span aria-hidden="true">← </span>
      {m.common.back}
    </button>
  )
}

export function DoneButton() {
  const nav = useNav()
  const { m } = useI18n()
  return (
    <button type="button" className="btn btn-primary" onClick={nav.home}>
      {m.common.done}
    </button>
  )
}

export interface Choice<T extends string> {
  value: T
  label: string
  help: string
}

/** A radio group where each option has one sentence explaining it; the legend is shown or read only. */
export function RadioChoices<T extends string>({
  legend,
  choices,
  value,
  onChange,
  showLegend = false
}: {
  legend: string
  choices: Choice<T>[]
  value: T
  onChange: (value: T) => void
  showLegend?: boolean
}) {
  const name = useId()
  return (
    <fieldset className="choices">
      <legend className={showLegend ? 'label' : 'visually-hidden'}>{legend}</legend>
      {choices.map((c) => {
        const id = `${name}-${c.value}`
        return (
          <div key={c.value} className={value === c.value ? 'choice selected' : 'choice'}>
            <input type="radio" id={id} name={name} value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} aria-describedby={`${id}-help`} />
            <label htmlFor={id}>
              <span className="choice-label">{c.label}</span>
              <span id={`${id}-help`} className="choice-help">
                {c.help}
              </span>
            </label>
          </div>
        )
      })}
    </fieldset>
  )
}

/** A radio group where each option has one sentence explaining it, and a Continue button. */
export function MethodChoice<T extends string>({ legend, choices, initial, onContinue }: { legend: string; choices: Choice<T>[]; initial: T; onContinue: (value: T) => void }) {
  const { m } = useI18n()
  const [value, setValue] = useState<T>(initial)
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        onContinue(value)
      }}
    >
      <RadioChoices legend={legend} choices={choices} value={value} onChange={setValue} />
      <div className="actions actions-end">
        <BackButton />
        <button type="submit" className="btn btn-primary">
          {m.common.continue}
        </button>
      </div>
    </form>
  )
}

export function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId()
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={id}>
      <h2 id={id} className="card-title">
        {title}
      </h2>
      {children}
    </section>
  )
}
