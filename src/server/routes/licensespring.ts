// LicenseSpring License API v4 routes: /api/v4/{activate_license,check_license,deactivate_license,
// activate_offline,deactivate_offline,user_licenses,floating/borrow,floating/release,sso_url}, and the
// OAuth token endpoint. Every 200 from /api/v4 carries a LicenseSignature header over the body.
import type { KeyObject } from 'node:crypto'
import { rsaSignBase64 } from '../crypto'
import { HttpError, type Reply, jsonReply, readBody, reply } from '../http'
import {
  LsError,
  activateLicense,
  activateOffline,
  authorize,
  checkLicense,
  deactivateLicense,
  deactivateOffline,
  floatingBorrow,
  floatingRelease,
  userLicenses
} from '../licensespring'
import { TOKEN_PATH } from '../oauth'
import type { Route } from './context'

const METHODS: Record<string, string> = {
  activate_license: 'POST',
  check_license: 'GET',
  deactivate_license: 'POST',
  activate_offline: 'POST',
  deactivate_offline: 'POST',
  user_licenses: 'GET',
  'floating/borrow': 'POST',
  'floating/release': 'POST',
  sso_url: 'GET'
}

export function lsErrorReply(e: LsError): Reply {
  return jsonReply(e.status, { status: e.status, code: e.code, message: e.message })
}

export function licenseSpringRoutes(privateKey: KeyObject): Route {
  return async ({ req, url, path, method, ls }) => {
    if (path === TOKEN_PATH) {
      if (method !== 'POST')
        return reply(405, { 'Content-Type': 'application/json; charset=utf-8', Allow: 'POST' }, JSON.stringify({ error: 'invalid_request', error_description: 'Use POST' }))
      const t = ls.oauth.tokenEndpoint((await readBody(req)).toString('utf8'), req.headers, ls.now())
      const r = jsonReply(t.status, t.body)
      r.headers['Cache-Control'] = 'no-store'
      return r
    }
    if (!path.startsWith('/api/v4/')) return undefined
    const endpoint = path.slice('/api/v4/'.length).replace(/\/$/, '')
    const expected = METHODS[endpoint]
    if (!expected) return jsonReply(404, { status: 404, code: 'not_found', message: `Unknown endpoint ${path}` })
    if (method !== expected) {
      return reply(
        405,
        { 'Content-Type': 'application/json; charset=utf-8', Allow: expected },
        JSON.stringify({ status: 405, code: 'method_not_allowed', message: `Use ${expected}` })
      )
    }
    try {
      const body = expected === 'POST' ? await readBody(req) : Buffer.alloc(0)
      authorize(ls, req.headers)
      const jsonBody = (): Record<string, unknown> => {
        let v: unknown
        try {
          v = JSON.parse(body.toString('utf8'))
        } catch {
          throw new LsError(400, 'missing_parameters', 'The request body must be a JSON object')
        }
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new LsError(400, 'missing_parameters', 'The request body must be a JSON object')
        return v as Record<string, unknown>
      }
      let r: Reply
      switch (endpoint) {
        case 'activate_license':
          r = jsonReply(200, activateLicense(ls, jsonBody()))
          break
        case 'check_license':
          r = jsonReply(200, checkLicense(ls, Object.fromEntries(url.searchParams)))
          break
        case 'deactivate_license':
          deactivateLicense(ls, jsonBody())
          r = reply(200, { 'Content-Type': 'text/plain; charset=utf-8' }, 'license_deactivated')
          break
        case 'user_licenses':
          r = jsonReply(200, userLicenses(ls, Object.fromEntries(url.searchParams)))
          break
        case 'floating/borrow':
          r = jsonReply(200, floatingBorrow(ls, jsonBody()))
          break
        case 'floating/release':
          floatingRelease(ls, jsonBody())
          r = reply(200, { 'Content-Type': 'text/plain; charset=utf-8' }, '')
          break
        case 'sso_url':
          r = jsonReply(200, ls.sso.ssoUrl(`http://${req.headers.host ?? 'localhost'}`, Object.fromEntries(url.searchParams)))
          break
        case 'activate_offline':
          // Called directly (as an SDK does) it answers the license object as JSON; the portal hands the .lic.
          r = jsonReply(200, activateOffline(ls, body.toString('utf8')).object)
          break
        default:
          deactivateOffline(ls, body.toString('utf8'))
          r = reply(200, { 'Content-Type': 'text/plain; charset=utf-8' }, 'license_deactivated')
      }
      r.headers.LicenseSignature = rsaSignBase64(privateKey, r.body)
      return r
    } catch (e) {
      if (e instanceof LsError) return lsErrorReply(e)
      if (e instanceof HttpError) return jsonReply(e.status, { status: e.status, code: 'missing_parameters', message: e.message })
      return jsonReply(500, { status: 500, code: 'internal_error', message: 'Internal server error' })
    }
  }
}
