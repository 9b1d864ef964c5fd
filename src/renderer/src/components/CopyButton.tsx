import { useEffect, useRef, useState } from 'react'
import { useAnnounce, useApi } from '../context'
import { fmt, useFirstI18n } from '../i18n'

/** Copies through the main process and announces "Copied" in the live region. */
/** `label` replaces the visible "Copy" where the button stands apart from the text it copies; it is then also the accessible name. */
export function CopyButton({ text, what, className, label }: { text: string; what: string; className?: string; label?: string }) {
  const api = useApi()
  const announce = useAnnounce()
  const { m } = useFirstI18n()
  const [copied, setCopied] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  async function copy() {
    const r = await api.copyText({ text })
    if (!r.ok) {
      try {
        await navigator.clipboard.writeText(text)
      } catch {
        announce(m.common.copyFailed)
        return
      }
    }
    setCopied(true)
    announce(m.common.copiedAnnounce)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setCopied(false), 2000)
  }

  return (
    <button type="button" className={className ?? 'btn btn-secondary'} onClick={copy} aria-label={label ?? fmt(m.common.copyNamed, { what })}>
      <span aria-hidden="true" className="btn-icon">
        {copied ? (
          '✓'
        ) : (
          // drawn, not a font glyph: U+29C9 is missing from many system fonts and showed as a box
          <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" focusable="false" aria-hidden="true">
            <rect x="5.5" y="5.5" width="8.5" height="8.5" rx="1.5" />
            <path d="M10.5 3V2.5A1 1 0 0 0 9.5 1.5h-7a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1H3" />
          </svg>
        )}
      </span>
      {copied ? m.common.copied : (label ?? m.common.copy)}
    </button>
  )
}
