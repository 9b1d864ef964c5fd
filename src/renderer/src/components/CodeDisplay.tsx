import { codeGroups, spokenCode } from '../format'
import { fmt, useI18n } from '../i18n'

/** A code shown large in 4-character groups; screen readers get it spelled out in groups. */
export function CodeDisplay({ code, testId }: { code: string; testId?: string }) {
  const { m } = useI18n()
  const groups = codeGroups(code)
  return (
    <div className="code-display">
      <p className="code" data-testid={testId} data-code={code} aria-hidden="true">
        {groups.map((g, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the groups of one code never move
          <span key={i} className="code-group">
            {g}
            {i < groups.length - 1 ? ' ' : ''}
          </span>
        ))}
      </p>
      <p className="visually-hidden">{fmt(m.record.codeSpoken, { code: spokenCode(code) })}</p>
    </div>
  )
}
