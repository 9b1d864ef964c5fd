import { useEffect, useRef, useState } from 'react'
import { useAnnounce, useApi } from '../context'
import { fmt, useI18n } from '../i18n'

/** Copies through the main process and announces "Copied" in the live region. */
export function CopyButton({ text, what, className }: { text: string; what: string; className?: string }) {
  const api = useApi()
  const announce = useAnnounce()
  const { m } = useI18n()
  const [copied, setCopied] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  async function copy() {
    const r = await api.copyText({ text })
    if (!r.ok) {
      try {
        await navigator.clipboard.writeText(text)
      } catch {
        announce(m.errors.internal.title)
        return
      }
    }
    setCopied(true)
    announce(m.common.copiedAnnounce)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setCopied(false), 2000)
  }

  return (
    <button type="button" className={className ?? 'btn btn-secondary'} onClick={copy} aria-label={fmt(m.common.copyNamed, { what })}>
      <span aria-hidden="true" className="btn-icon">
        {copied ? '✓' : '⧉'}
      </span>
      {copied ? m.common.copied : m.common.copy}
    </button>
  )
}
