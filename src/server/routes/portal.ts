// The LicenseSpring offline portal (/offline, /offline/upload) and the index page.
import { type Reply, multipartFile, readBody, reply } from '../http'
import { LsError, activateOffline, deactivateOffline, parseOfflineRequest } from '../licensespring'
import { PAGE_HEADERS, alreadyFreePage, deactivatedPage, errorPage, offlinePortalPage } from '../pages'
import type { Route } from './context'

export const portalRoutes: Route = async ({ req, path, method, ls }): Promise<Reply | undefined> => {
  if (path === '/offline' || path === '/offline/') {
    if (method !== 'GET') return reply(405, { ...PAGE_HEADERS, Allow: 'GET' }, errorPage('Not allowed', 'method_not_allowed', 'Use GET.', '/offline'))
    return reply(200, PAGE_HEADERS, offlinePortalPage())
  }
  if (path === '/offline/upload') {
    if (method !== 'POST') return reply(405, { ...PAGE_HEADERS, Allow: 'POST' }, errorPage('Not allowed', 'method_not_allowed', 'Upload the file with the form.', '/offline'))
    const body = await readBody(req)
    const ct = (req.headers['content-type'] ?? '').toLowerCase()
    let text: string
    let fileName: string | undefined
    if (ct.startsWith('multipart/form-data')) {
      const f = multipartFile(body, req.headers['content-type'] as string)
      text = f ? f.content.toString('utf8') : ''
      fileName = f?.name || undefined
    } else if (ct.startsWith('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(body.toString('utf8'))
      text = form.get('content') ?? form.get('file') ?? ''
    } else text = body.toString('utf8')
    try {
      if (text.trim() === '') throw new LsError(400, 'missing_parameters', 'No request file was uploaded')
      const parsed = parseOfflineRequest(ls, text, { defaultKind: 'deactivation' })
      if (parsed.kind === 'deactivation') {
        const seat = {
          identity: parsed.identity,
          hardwareId: parsed.hardwareId,
          productName: ls.store.product(String(parsed.fields.product))?.name ?? String(parsed.fields.product),
          requestId: parsed.requestId,
          file: fileName
        }
        try {
          deactivateOffline(ls, text, parsed)
        } catch (e) {
          // The seat is already free (the file was uploaded before, or the seat released another way):
          // that is what the user wanted, said plainly instead of the raw device_not_found.
          if (e instanceof LsError && e.code === 'device_not_found') return reply(200, PAGE_HEADERS, alreadyFreePage(seat))
          throw e
        }
        return reply(200, PAGE_HEADERS, deactivatedPage(seat))
      }
      const r = activateOffline(ls, text, parsed)
      return reply(
        200,
        {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': 'attachment; filename="ls_activation.lic"',
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store'
        },
        r.lic
      )
    } catch (e) {
      if (e instanceof LsError) return reply(e.status, PAGE_HEADERS, errorPage('The request file was not accepted', e.code, e.message, '/offline', fileName))
      throw e
    }
  }
  if (path === '/' && method === 'GET') {
    return reply(
      200,
      PAGE_HEADERS,
      offlinePortalPage().replace(
        '<h1>',
        '<p><a href="/qlm/QlmReleaseLicense.aspx">QLM license release</a> · <a href="/qlm/QlmWebActivation.aspx">QLM web activation</a></p>\n<h1>'
      )
    )
  }
  return undefined
}
