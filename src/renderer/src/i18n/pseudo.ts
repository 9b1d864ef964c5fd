// The pseudo-locale 'en-XA': every English text about 40% longer and written with accented letters, so a
// layout that clips, overlaps or hard-codes text shows it. Placeholders ({product}) stay as they are.
const ACCENTED: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'î',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'û',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Á',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Î',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž'
}
const FILLER = ['ŀöñĝéŕ', 'ŵöŕðš', 'ţéẋţ', 'ĥéŕé']

/** One text made about 40% longer, accented, placeholders kept; the extra words can wrap like real ones. */
export function pseudoText(s: string): string {
  if (!s.trim()) return s
  const accented = s
    .split(/(\{\w+\}|\n)/)
    .map((part) => (/^\{\w+\}$/.test(part) || part === '\n' ? part : [...part].map((ch) => ACCENTED[ch] ?? ch).join('')))
    .join('')
  let extra = Math.ceil(s.length * 0.4)
  const words: string[] = []
  for (let i = 0; extra > 0; i++) {
    const w = FILLER[i % FILLER.length].slice(0, Math.max(1, extra - 1))
    words.push(w)
    extra -= w.length + 1
  }
  return `${accented} ${words.join(' ')}`
}

function walk<T>(v: T): T {
  if (typeof v === 'string') return pseudoText(v) as T
  if (Array.isArray(v)) return v.map(walk) as T
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'lang' ? x : walk(x)])) as T
  return v
}

/** A catalog part (en.ts or en.screens.ts) in the pseudo-locale. */
export function pseudoCatalog<T>(english: T): T {
  return walk(english)
}
