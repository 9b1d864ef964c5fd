import type { ProductSummary } from '@shared/contract'
import { flowOf, type FlowStep } from '../flow'
import { fmt, num, useI18n } from '../i18n'
import type { Screen } from '../nav'
import '../screens.css'

/** The steps of the flow `screen` is in, if it is in one (the App shows them above every screen but Home). */
export function FlowSteps({ screen, product }: { screen: Screen; product: ProductSummary | undefined }) {
  const { m } = useI18n()
  const flow = flowOf(screen, m, product)
  return flow && <StepIndicator steps={flow.steps} current={flow.index} />
}

/** A visible "where am I" list; the current step has aria-current="step". A waiting step is the user's to do. */
export function StepIndicator({ steps, current }: { steps: FlowStep[]; current: number }) {
  const { m, locale } = useI18n()
  const here = steps[current]
  const summary = fmt(m.common.stepOf, { n: num(current + 1, locale), total: num(steps.length, locale), step: here?.label ?? '' })
  return (
    <nav className="steps" aria-label={m.common.steps}>
      <p className="visually-hidden">{here?.waiting ? `${summary} ${m.common.stepWaiting}` : summary}</p>
      <ol>
        {steps.map((s, i) => {
          const state = i < current ? 'done' : i === current ? (s.waiting ? 'waiting' : 'current') : 'todo'
          return (
            <li key={s.label} className={`step ${state}`} aria-current={i === current ? 'step' : undefined} data-state={state}>
              <span className="step-dot" aria-hidden="true">
                {state === 'done' ? '✓' : state === 'waiting' ? '…' : num(i + 1, locale)}
              </span>
              <span className="step-label">{s.label}</span>
              {state === 'waiting' && <span className="visually-hidden"> {m.common.stepWaiting}</span>}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
