// The identity provider's sign-in page for SSO user licenses (/sso/authorize): GET shows it, its POST
// redirects to the client's loopback address with the code (or id_token), see ../sso.ts.
import { formParams, reply } from '../http'
import { SSO_PAGE_HEADERS, errorPage, ssoSignInPage } from '../pages'
import { SSO_AUTHORIZE_PATH } from '../sso'
import type { Route } from './context'

export const ssoRoutes: Route = async ({ req, url, path, method, ls }) => {
  if (path !== SSO_AUTHORIZE_PATH) return undefined
  if (method !== 'GET' && method !== 'POST') return reply(405, { ...SSO_PAGE_HEADERS, Allow: 'GET, POST' }, errorPage('Not allowed', 'method_not_allowed', 'Use GET or POST.', '/'))
  const params = await formParams(req, url, method)
  const accountName = ls.sso.account(params.get('client_id') ?? undefined)?.name
  if (method === 'GET') return reply(200, SSO_PAGE_HEADERS, ssoSignInPage(params, accountName))
  const r = ls.sso.signIn(params, ls.now())
  if ('redirect' in r) return reply(303, { ...SSO_PAGE_HEADERS, Location: r.redirect }, '')
  return reply(r.status, SSO_PAGE_HEADERS, ssoSignInPage(params, accountName, r.error))
}
