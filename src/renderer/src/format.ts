/** Removes spaces and dashes, then splits into groups of `size` characters for reading aloud. */
export function codeGroups(code: string, size = 4): string[] {
  const clean = code.replace(/[\s-]+/g, '')
  const groups: string[] = []
  for (let i = 0; i < clean.length; i += size) groups.push(clean.slice(i, i + size))
  return groups
}

/** "ab12cd34ef" -> "ab12 cd34 ef" */
export function groupCode(code: string, size = 4): string {
  return codeGroups(code, size).join(' ')
}

/** For screen readers: characters spaced, groups separated, e.g. "a b 1 2, c d 3 4". */
export function spokenCode(code: string, size = 4): string {
  return codeGroups(code, size)
    .map((g) => g.toUpperCase().split('').join(' '))
    .join(', ')
}

/** Intl's tag for a catalog locale: the pseudo-locale en-XA formats as English. */
function tag(locale: string): string {
  return locale === 'en-XA' ? 'en' : locale
}

/** Today's calendar date on this computer as yyyy-MM-dd. */
export function localYmd(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** A yyyy-MM-dd calendar date in words, e.g. "Monday, 24 November 2025", independent of the time zone. */
export function dateInWords(ymd: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd)
  if (!m) return ymd
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'full', timeZone: 'UTC' }).format(d)
}

export function dateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(d)
}

export function dateOnly(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long' }).format(d)
}

export function newOperationId(): string {
  const c = globalThis.crypto as Crypto | undefined
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  return `op-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

export function minutes(ms: number): number {
  return Math.max(1, Math.round(Math.abs(ms) / 60000))
}
