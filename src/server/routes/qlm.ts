// QLM routes: the web service (/qlm/qlmservice.asmx/ValidateLicenseHttp, ReleaseLicenseHttp) and the
// self-help pages (/qlm/QlmReleaseLicense.aspx, /qlm/QlmWebActivation.aspx).
import { formParams, reply } from '../http'
import { PAGE_HEADERS, errorPage, qlmActivatedPage, qlmActivationForm, qlmReleaseForm, qlmReleasedPage } from '../pages'
import { QlmError, type QlmContext, qlmActivate, qlmRelease, releaseLicenseHttp, validateLicenseHttp } from '../qlm'
import type { Route } from './context'

export const qlmRoutes: Route = async ({ req, url, path, method, qlm, bom }) => {
  if (path.startsWith('/qlm/qlmservice.asmx/')) {
    const op = path.slice('/qlm/qlmservice.asmx/'.length)
    const params = await formParams(req, url, method)
    const xml = (s: string) => reply(200, { 'Content-Type': 'text/xml; charset=utf-8' }, s)
    if (op === 'ValidateLicenseHttp') return xml(validateLicenseHttp(qlm, params, bom))
    if (op === 'ReleaseLicenseHttp') return xml(releaseLicenseHttp(qlm, params, bom))
    return reply(404, { 'Content-Type': 'text/plain; charset=utf-8' }, `Unknown web method ${op}`)
  }
  if (path !== '/qlm/QlmReleaseLicense.aspx' && path !== '/qlm/QlmWebActivation.aspx') return undefined
  if (method !== 'GET' && method !== 'POST') return reply(405, { ...PAGE_HEADERS, Allow: 'GET, POST' }, errorPage('Not allowed', 'method_not_allowed', 'Use GET or POST.', path))
  const params = await formParams(req, url, method)
  const avkey = params.get('is_avkey') ?? ''
  const pcid = params.get('is_pcid') ?? ''
  const productName = qlmProductName(qlm, avkey)
  if (path === '/qlm/QlmReleaseLicense.aspx') {
    const code = params.get('is_deactcode') ?? ''
    // Opening the link (GET) shows the prefilled form; only pressing its button (POST) releases, so a
    // mail scanner or prefetcher following the link cannot use up a release.
    if (method !== 'POST' || !avkey || !pcid || !code) return reply(200, PAGE_HEADERS, qlmReleaseForm(avkey, pcid, code, productName))
    try {
      qlmRelease(qlm, { avkey, pcid, dvc: code, requireAuth: false, requireDvc: true })
      return reply(200, PAGE_HEADERS, qlmReleasedPage(avkey, pcid, productName))
    } catch (e) {
      if (!(e instanceof QlmError)) throw e
      return reply(
        400,
        PAGE_HEADERS,
        errorPage('License not released', 'release_refused', e.message, `/qlm/QlmReleaseLicense.aspx?${new URLSearchParams({ is_avkey: avkey, is_pcid: pcid })}`)
      )
    }
  }
  if (!avkey || !pcid) return reply(200, PAGE_HEADERS, qlmActivationForm(avkey, pcid))
  try {
    const r = qlmActivate(qlm, { avkey, pcid, computerName: params.get('is_computer_name') ?? 'web activation' })
    return reply(200, PAGE_HEADERS, qlmActivatedPage(r.license.activationKey, pcid, r.computerKey, productName))
  } catch (e) {
    if (!(e instanceof QlmError)) throw e
    return reply(400, PAGE_HEADERS, errorPage('License not activated', 'activation_refused', e.message, '/qlm/QlmWebActivation.aspx'))
  }
}

/** The display name of the QLM product an activation key belongs to (seed qlm.products), if known. */
function qlmProductName(qlm: QlmContext, avkey: string): string | undefined {
  const lic = avkey ? qlm.store.qlmLicense(avkey) : undefined
  return lic ? qlm.store.data.qlm.products?.find((p) => p.productId === lic.productId)?.name : undefined
}
