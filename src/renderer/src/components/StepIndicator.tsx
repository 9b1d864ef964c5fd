import { fmt, useI18n } from '../i18n'

/** A visible "where am I" list; the current step has aria-current="step". */
export function StepIndicator({ steps, current }: { steps: string[]; current: number }) {
  const { m } = useI18n()
  return (
    <nav className="steps" aria-label={m.common.steps}>
      <p className="visually-hidden">{fmt(m.common.stepOf, { n: current + 1, total: steps.length })}</p>
      <ol>
        {steps.map((label, i) => (
          <li key={label} className={i < current ? 'step done' : i === current ? 'step current' : 'step'} aria-current={i === current ? 'step' : undefined}>
            <span className="step-dot" aria-hidden="true">
              {i < current ? '✓' : i + 1}
            </span>
            <span className="step-label">{label}</span>
          </li>
        ))}
      </ol>
    </nav>
  )
}
