import { afterEach, describe, expect, it } from 'vitest'
import { calendarDate, computeDvc, dvcForDate, stripDashes } from '@core/providers/qlm/dvc'
import { findComputerKey, parseQlmXml, QlmClient } from '@core/providers/qlm/client'
import { py, rejection, run } from '../support/tools'
import { demoSeed, qlmAnswer, qlmCalls, scriptAnswers, useServer } from '../support/server'

const CEK = '{B6163D99-F46A-4580-BB42-BF276A507A14}'
const KEY = 'AXK80-60R00-GHJ3S-I862Y-1I1UR-AQDV2'
const PC = 'pc-ü-01'

describe('DVC', () => {
  it('matches python hashlib.md5 and md5sum over key-without-dashes|pcid|cek|date', () => {
    const msg = `AXK8060R00GHJ3SI862Y1I1URAQDV2|${PC}|${CEK}|2026-03-10`
    const viaPy = py('import sys,hashlib;print(hashlib.md5(sys.stdin.buffer.read()).hexdigest())', [], msg)
    const viaMd5sum = run('md5sum', [], Buffer.from(msg, 'utf8')).toString().split(' ')[0]
    expect(viaPy).toBe(viaMd5sum)
    expect(dvcForDate(KEY, PC, CEK, '2026-03-10', 'lower')).toBe(viaPy)
    expect(dvcForDate(KEY, PC, CEK, '2026-03-10', 'upper')).toBe(viaPy.toUpperCase())
    expect(dvcForDate(KEY, PC, CEK, '2026-03-10', 'upper')).toMatch(/^[0-9A-F]{32}$/)
    // Dashes are cosmetic: the same code with or without them.
    expect(dvcForDate(KEY.replace(/-/g, ''), PC, CEK, '2026-03-10', 'lower')).toBe(viaPy)
    expect(dvcForDate(KEY, PC, CEK, '2026-03-11', 'lower')).not.toBe(viaPy)
  })

  it('strips dashes', () => {
    expect(stripDashes(' A-B-C ')).toBe('ABC')
    expect(stripDashes(KEY)).toBe('AXK8060R00GHJ3SI862Y1I1URAQDV2')
  })

  it('computeDvc on the UTC basis returns the date it is valid for', () => {
    const ms = Date.UTC(2026, 2, 10, 23, 59, 59)
    const r = computeDvc({ activationKey: KEY, computerId: PC, cek: CEK, nowMs: ms, options: { case: 'lower', date: 'utc' } })
    expect(r.validFor).toBe('2026-03-10')
    expect(r.code).toBe(py('import sys,hashlib;print(hashlib.md5(sys.stdin.buffer.read()).hexdigest())', [], `AXK8060R00GHJ3SI862Y1I1URAQDV2|${PC}|${CEK}|2026-03-10`))
    expect(computeDvc({ activationKey: KEY, computerId: PC, cek: CEK, nowMs: ms + 1000, options: { case: 'lower', date: 'utc' } }).validFor).toBe('2026-03-11')
  })

  describe('local vs UTC date basis around midnight', () => {
    // Each test file runs in its own worker process, so changing TZ here affects no other file.
    const saved = process.env.TZ
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    })

    it('east of UTC: local date is already tomorrow', () => {
      process.env.TZ = 'Pacific/Auckland' // UTC+13 in March 2026
      const ms = Date.UTC(2026, 2, 10, 11, 30)
      expect(calendarDate(ms, 'utc')).toBe('2026-03-10')
      expect(calendarDate(ms, 'local')).toBe('2026-03-11')
      const local = computeDvc({ activationKey: KEY, computerId: PC, cek: CEK, nowMs: ms, options: { case: 'lower', date: 'local' } })
      expect(local.validFor).toBe('2026-03-11')
      expect(local.code).toBe(dvcForDate(KEY, PC, CEK, '2026-03-11', 'lower'))
    })

    it('west of UTC: local date is still yesterday', () => {
      process.env.TZ = 'America/Los_Angeles' // UTC-7 after 8 March 2026
      const ms = Date.UTC(2026, 2, 10, 5, 0)
      expect(calendarDate(ms, 'utc')).toBe('2026-03-10')
      expect(calendarDate(ms, 'local')).toBe('2026-03-09')
    })

    it('pads year, month and day with ASCII digits', () => {
      process.env.TZ = 'UTC'
      expect(calendarDate(Date.UTC(987, 0, 5), 'local')).toBe('0987-01-05')
      expect(calendarDate(Date.UTC(2026, 11, 31, 23, 59, 59, 999), 'utc')).toBe('2026-12-31')
    })
  })
})

describe('parseQlmXml', () => {
  it('reads <result> with a BOM and an XML declaration', () => {
    const r = parseQlmXml('\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<QuickLicenseManager><result>Released</result></QuickLicenseManager>')
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.result).toBe('Released')
  })

  it('passes the <error> message through verbatim, entities decoded', () => {
    const r = parseQlmXml('<QuickLicenseManager><error>Die Lizenz &amp; der Schlüssel: "zu viele" Freigaben (5/5).</error></QuickLicenseManager>')
    expect(r).toEqual({ ok: false, message: 'Die Lizenz & der Schlüssel: "zu viele" Freigaben (5/5).' })
  })

  it('decides by structure, not by text', () => {
    expect(parseQlmXml('<QuickLicenseManager><error>Success</error></QuickLicenseManager>').ok).toBe(false)
    expect(parseQlmXml('<QuickLicenseManager><result>Error: failed</result></QuickLicenseManager>').ok).toBe(true)
  })

  it.each([
    ['garbage', 'this is not xml <<<'],
    ['HTML', '<html><body>Server Error</body></html>'],
    ['empty', ''],
    ['root without result or error', '<QuickLicenseManager><status>1</status></QuickLicenseManager>'],
    ['empty root', '<QuickLicenseManager/>'],
    ['another root element', '<?xml version="1.0"?><LicenseManager><result>ok</result></LicenseManager>'],
    ['a result outside the root', '<result>ok</result>']
  ])('%s -> bad_response', async (_n, text) => {
    const e = await rejection(() => parseQlmXml(text))
    expect(e.code).toBe('bad_response')
  })

  it('finds the computer key at any depth', () => {
    expect(findComputerKey({ a: { b: { PcKey: 'K1' } } })).toBe('K1')
    expect(findComputerKey({ computer_key: 42 })).toBe('42')
    expect(findComputerKey({ a: 'x' })).toBeUndefined()
  })
})

describe('QlmClient', () => {
  // The local server, with the vendor's credentials and the key's product and version this client sends.
  const seed = demoSeed((s) => {
    Object.assign(s.qlm, { vendor: 've+nd&or', user: 'u=1', password: 'p&w+d=%?#' })
    Object.assign(s.qlm.licenses.find((l) => l.activationKey === KEY)!, { productId: 7, majorVersion: 2, minorVersion: 0 })
  })
  const server = useServer(undefined, { seed })
  const qlm = {
    get url() {
      return server.url
    },
    get calls() {
      return qlmCalls(server)
    },
    /** the computer key the server gave PC */
    get computerKey() {
      return server.state.qlmActivations(KEY).find((a) => a.computerId === PC)?.computerKey
    },
    script: { push: (...answers: string[]) => scriptAnswers(server, '/qlm/', ...answers.map(qlmAnswer)) }
  }

  const client = (over: Record<string, unknown> = {}) =>
    new QlmClient(
      { serviceUrl: `${qlm.url}/qlm/qlmservice.asmx/`, vendor: 've+nd&or', user: 'u=1', password: 'p&w+d=%?#', productId: 7, majorVersion: 2, minorVersion: 0, ...over },
      { retryBaseMs: 5, timeoutMs: 2000 }
    )

  it('activate returns the computer key and sends the activation parameters', async () => {
    const r = await client().activate(KEY, PC, 'my host')
    expect(r.computerKey).toBe(qlm.computerKey)
    const c = qlm.calls[0]!
    expect(c.method).toBe('ValidateLicenseHttp')
    expect(Object.fromEntries(c.query)).toEqual({
      is_avkey: KEY,
      is_pcid: PC,
      is_computer_name: 'my host',
      is_activate: 'true',
      is_productid: '7',
      is_majorversion: '2',
      is_minorversion: '0'
    })
  })

  it('activate without a computer key in the answer -> bad_response', async () => {
    server.faults.set({ tamper: ['computerKey'], times: 1 }) // the server's answer without its <pckey>
    const e = await rejection(client().activate(KEY, PC, 'h'))
    expect(e.code).toBe('bad_response')
  })

  it('release: URL-encoded values, dashes stripped, both code spellings', async () => {
    await client().activate(KEY, PC, 'h')
    await client().release(KEY, PC, 'ab+c&d=e')
    const c = qlm.calls[1]!
    expect(c.method).toBe('ReleaseLicenseHttp')
    const q = c.query
    expect(q.get('is_avkey')).toBe('AXK8060R00GHJ3SI862Y1I1URAQDV2')
    expect(q.get('is_pcid')).toBe(PC)
    expect(q.get('is_vendor')).toBe('ve+nd&or')
    expect(q.get('is_user')).toBe('u=1')
    expect(q.get('is_pwd')).toBe('p&w+d=%?#')
    expect(q.get('is_deacivation_code')).toBe('ab+c&d=e')
    expect(q.get('is_deactivation_code')).toBe('ab+c&d=e')
    // Raw query: no bare reserved characters leak from the values.
    expect(c.rawQuery).toContain('is_pwd=p%26w%2Bd%3D%25%3F%23')
    expect(c.rawQuery).toContain('is_vendor=ve%2Bnd%26or')
    expect(c.rawQuery).toContain('is_deacivation_code=ab%2Bc%26d%3De')
    expect(c.rawQuery.split('&')).toHaveLength(7)
  })

  it('release without a code sends neither code parameter', async () => {
    await client().activate(KEY, PC, 'h')
    server.setQlmPolicy({ releaseLicenseRequiresAuthentication: false })
    await client({ user: undefined, password: undefined }).release(KEY, PC, undefined)
    const q = qlm.calls[1]!.query
    expect(q.has('is_deacivation_code')).toBe(false)
    expect(q.has('is_deactivation_code')).toBe(false)
    expect(q.has('is_user')).toBe(false)
  })

  it('release refused while this computer still holds the seat -> server_refused with the server text verbatim', async () => {
    await client().activate(KEY, PC, 'h')
    qlm.script.push('<QuickLicenseManager><error>Authentication error.</error></QuickLicenseManager>')
    const e = await rejection(client().release(KEY, PC, undefined))
    expect(e.code).toBe('server_refused')
    expect(e.info.serverMessage).toBe('Authentication error.')
    // Asked whether the seat is still here (a read, not an activation).
    expect(qlm.calls.map((c) => c.method)).toEqual(['ValidateLicenseHttp', 'ReleaseLicenseHttp', 'ValidateLicenseHttp'])
    expect(qlm.calls[2]!.query.has('is_activate')).toBe(false)
  })

  it('release refused and the server holds no seat for this computer -> already released (whatever the text says)', async () => {
    qlm.script.push('<QuickLicenseManager><error>Die Lizenz ist auf diesem Computer nicht aktiviert.</error></QuickLicenseManager>')
    expect(await client().release(KEY, 'other-pc', undefined)).toEqual({ alreadyReleased: true })
  })

  it('a release whose answer is lost, and the seat is gone -> already released; still held -> the error', async () => {
    await client().activate(KEY, PC, 'h')
    server.faults.set({ dropAfterCommit: true, times: 1, path: 'ReleaseLicenseHttp' }) // the server releases it, and its answer is lost
    expect(await client().release(KEY, PC, undefined)).toEqual({ alreadyReleased: true })
    await client().activate(KEY, PC, 'h')
    qlm.script.push('')
    expect((await rejection(client().release(KEY, PC, undefined))).code).toBe('bad_response')
  })

  it('release is not retried on a 5xx answer or an unreadable answer', async () => {
    await client().activate(KEY, PC, 'h')
    qlm.script.push('!503 busy')
    const e = await rejection(client().release(KEY, PC, undefined))
    expect(e.code).toBe('server_unavailable')
    const releases = () => qlm.calls.filter((c) => c.method === 'ReleaseLicenseHttp').length
    expect(releases()).toBe(1)
    qlm.script.push('')
    const e2 = await rejection(client().release(KEY, PC, undefined))
    expect(e2.code).toBe('bad_response')
    expect(releases()).toBe(2)
  })

  it('activation (a safe read-and-bind) is retried on 5xx', async () => {
    qlm.script.push('!503 busy', '!502 busy')
    const r = await client().activate(KEY, PC, 'h')
    expect(r.computerKey).toBe(qlm.computerKey)
    expect(qlm.calls).toHaveLength(3)
  })

  it('a non-200 status below 500 -> http_status', async () => {
    qlm.script.push('!404 <html>nope</html>')
    const e = await rejection(client().activate(KEY, PC, 'h'))
    expect(e.code).toBe('http_status')
    expect(e.info.httpStatus).toBe(404)
  })
})
