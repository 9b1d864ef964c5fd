// Finds the exact source text of a top-level member value in a JSON document, without re-serializing.
// Used to verify the offline request schema v2 outer signature, which covers the exact bytes of the
// inner `request` object as they appear in the file.

function skipWs(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++
  return i
}

/** Index just past the closing quote of the string starting at s[i] === '"'. */
function scanString(s: string, i: number): number {
  if (s[i] !== '"') throw new Error(`expected string at ${i}`)
  i++
  while (i < s.length) {
    const c = s[i]
    if (c === '\\') {
      i += 2
      continue
    }
    if (c === '"') return i + 1
    i++
  }
  throw new Error('unterminated string')
}

/** Index just past the JSON value starting at s[i] (after whitespace). */
function scanValue(s: string, i: number): number {
  const c = s[i]
  if (c === '"') return scanString(s, i)
  if (c === '{' || c === '[') {
    const stack: string[] = [c === '{' ? '}' : ']']
    i++
    while (i < s.length) {
      const ch = s[i]
      if (ch === '"') {
        i = scanString(s, i)
        continue
      }
      if (ch === '{') stack.push('}')
      else if (ch === '[') stack.push(']')
      else if (ch === '}' || ch === ']') {
        if (stack.pop() !== ch) throw new Error(`unbalanced ${ch} at ${i}`)
        if (stack.length === 0) return i + 1
      }
      i++
    }
    throw new Error('unterminated container')
  }
  // number, true, false, null
  const start = i
  while (i < s.length && !/[\s,}\]]/.test(s[i])) i++
  if (i === start) throw new Error(`expected value at ${i}`)
  return i
}

/**
 * Returns the raw text of the value of `key` in the top-level object of `text`, or undefined when the
 * key is absent. Throws when the document is not a JSON object or the key occurs more than once
 * (a duplicated key could make the signed bytes differ from what JSON.parse keeps).
 */
export function rawMemberValue(text: string, key: string): string | undefined {
  let i = skipWs(text, 0)
  if (text[i] !== '{') throw new Error('not a JSON object')
  i = skipWs(text, i + 1)
  let found: string | undefined
  if (text[i] === '}') return undefined
  for (;;) {
    const keyEnd = scanString(text, i)
    const name = JSON.parse(text.slice(i, keyEnd)) as string
    i = skipWs(text, keyEnd)
    if (text[i] !== ':') throw new Error(`expected ':' at ${i}`)
    i = skipWs(text, i + 1)
    const valueEnd = scanValue(text, i)
    if (name === key) {
      if (found !== undefined) throw new Error(`duplicate member "${key}"`)
      found = text.slice(i, valueEnd)
    }
    i = skipWs(text, valueEnd)
    if (text[i] === ',') {
      i = skipWs(text, i + 1)
      continue
    }
    if (text[i] === '}') return found
    throw new Error(`expected ',' or '}' at ${i}`)
  }
}
