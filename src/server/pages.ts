// Small HTML pages: the LicenseSpring offline portal and the QLM self-help pages. No scripts, no
// external resources; the one inline style sheet is allowed by its hash in a strict CSP.
import { createHash } from 'node:crypto'

// Colours follow the OS theme (prefers-color-scheme) like the app; long values wrap between their words.
const STYLE = `:root{color-scheme:light dark;--bg:#fff;--text:#111;--muted:#555;--border:#555;--accent:#1a4fa0;--on-accent:#fff;--focus:#e8a400;--bad:#b00020;--bad-soft:#fdecee;--good:#1b7f3b;--good-soft:#e9f6ee;--field:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--text:#e7eaee;--muted:#9aa4b0;--border:#6b7480;--accent:#7ea6ff;--on-accent:#0b1220;--focus:#ffc53d;--bad:#ff7b86;--bad-soft:#2a1518;--good:#5fd38d;--good-soft:#132419;--field:#1a1e24}}
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:var(--text);background:var(--bg)}
a{color:var(--accent)}
label{display:block;font-weight:600;margin-top:1rem}input,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.4rem;border:1px solid var(--border);border-radius:4px;color:var(--text);background:var(--field)}
button{font:inherit;margin-top:1rem;padding:.5rem 1.2rem;border:2px solid var(--accent);background:var(--accent);color:var(--on-accent);border-radius:4px;cursor:pointer}
button:focus-visible,input:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.error{border-left:6px solid var(--bad);padding:.5rem 1rem;background:var(--bad-soft)}.ok{border-left:6px solid var(--good);padding:.5rem 1rem;background:var(--good-soft)}
code,output{font-family:ui-monospace,monospace;font-size:1.1rem;word-break:break-all}.key{font-size:1.6rem;font-weight:700;letter-spacing:.05em}
.file{font-family:ui-monospace,monospace;overflow-wrap:anywhere;word-break:normal}.hint{color:var(--muted)}`

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64')

export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "img-src 'none'",
  "script-src 'none'"
].join('; ')

export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store'
}

/**
 * The sign-in page posts to itself and is redirected to the client's loopback address (RFC 8252): the
 * form-action directive governs that redirect too, so it allows loopback addresses on any port.
 */
export const SSO_PAGE_HEADERS: Record<string, string> = {
  ...PAGE_HEADERS,
  'Content-Security-Policy': PAGE_CSP.replace("form-action 'self'", "form-action 'self' http://127.0.0.1:* http://[::1]:*")
}

export function esc(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

/**
 * A file name that wraps between its words: a break opportunity after each separator (`_`, `-`, `.`,
 * space), so `ls_deactivation_workstation-42.req` breaks at `_` or `-`, never inside `workstation`.
 */
export function fileName(name: string): string {
  return `<span class="file" id="file-name">${esc(name).replace(/([_\-. ])/g, '$1<wbr>')}</span>`
}

function fileLine(name: string | undefined): string {
  return name ? `<p>File: ${fileName(name)}</p>\n` : ''
}

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>
`
}

export function offlinePortalPage(): string {
  return page(
    'Offline activation and deactivation',
    `<p>Upload the request file your application saved (for example <code>ls_deactivation.req</code> or
<code>ls_activation.req</code>). A deactivation file releases the seat; an activation file gives you
<code>ls_activation.lic</code> to take back to the offline computer.</p>
<form method="post" action="/offline/upload" enctype="multipart/form-data">
<label for="file">Request file</label>
<input id="file" name="file" type="file" accept=".req,text/plain" required>
<button type="submit">Upload</button>
</form>
<h2>Or paste the file content</h2>
<form method="post" action="/offline/upload">
<label for="content">Request file content</label>
<textarea id="content" name="content" rows="6" required></textarea>
<button type="submit">Submit</button>
</form>`
  )
}

export function errorPage(title: string, code: string, message: string, back: string, file?: string): string {
  return page(
    title,
    `${fileLine(file)}<div class="error" role="alert" id="error" data-error-code="${esc(code)}">
<p><strong>Error code:</strong> <code id="error-code">${esc(code)}</code></p>
<p id="error-message">${esc(message)}</p>
</div>
<p><a href="${esc(back)}">Try again</a></p>`
  )
}

export interface SeatView {
  identity: string
  hardwareId: string
  /** the product's display name */
  productName: string
  requestId?: string
  /** the uploaded file's name, when the browser sent one */
  file?: string
}

function seatDetails(v: SeatView): string {
  return `<dl>
<dt>Product</dt><dd id="product-name">${esc(v.productName)}</dd>
<dt>License</dt><dd><code>${esc(v.identity)}</code></dd>
<dt>Hardware ID</dt><dd><code id="hardware-id">${esc(v.hardwareId)}</code></dd>
${v.requestId !== undefined ? `<dt>Request ID</dt><dd><code id="request-id">${esc(v.requestId)}</code></dd>` : ''}
</dl>`
}

export function deactivatedPage(v: SeatView): string {
  return page(
    'License deactivated',
    `${fileLine(v.file)}<div class="ok" role="status" id="result" data-result="license_deactivated">
<p>The seat was released. You can now activate ${esc(v.productName)} on another computer.</p>
${seatDetails(v)}
</div>
<p><a href="/offline">Upload another file</a></p>`
  )
}

/** A deactivation file whose seat is already free (uploaded twice, or released another way). */
export function alreadyFreePage(v: SeatView): string {
  return page(
    'This seat is already free',
    `${fileLine(v.file)}<div class="ok" role="status" id="result" data-result="already_free">
<p>This computer holds no seat of this license any more: it was already released, for example when
this file was uploaded before. There is nothing more to do; ${esc(v.productName)} can be activated on another computer.</p>
${seatDetails(v)}
</div>
<p><a href="/offline">Upload another file</a></p>`
  )
}

function field(id: string, label: string, value: string): string {
  return `<label for="${id}">${esc(label)}</label>\n<input id="${id}" name="${id}" value="${esc(value)}" required autocomplete="off" spellcheck="false">`
}

/**
 * The self-help release form. Opened from a link (GET) it is prefilled and releases nothing: only
 * pressing the button (POST) does, so a mail scanner or prefetcher opening the link cannot use up a release.
 */
export function qlmReleaseForm(avkey: string, pcid: string, code: string, productName?: string): string {
  const prefilled = avkey !== '' && pcid !== '' && code !== ''
  return page(
    'Release a license',
    `${
      prefilled
        ? `<p id="confirm-hint">Check the details${productName ? ` for <strong id="product-name">${esc(productName)}</strong>` : ''} and press <strong>Release license</strong>. Nothing is released until you do.</p>`
        : '<p>Enter your activation key, computer ID and the deactivation verification code your application showed.</p>'
    }
<form method="post" action="/qlm/QlmReleaseLicense.aspx">
${field('is_avkey', 'Activation key', avkey)}
${field('is_pcid', 'Computer ID', pcid)}
${field('is_deactcode', 'Deactivation verification code', code)}
<button type="submit">Release license</button>
</form>`
  )
}

export function qlmReleasedPage(avkey: string, pcid: string, productName?: string): string {
  return page(
    'License released',
    `<div class="ok" role="status" id="result" data-result="released">
<p>The license was released. You can now activate ${productName ? esc(productName) : 'it'} on another computer.</p>
<dl>${productName ? `<dt>Product</dt><dd id="product-name">${esc(productName)}</dd>` : ''}<dt>Activation key</dt><dd><code>${esc(avkey)}</code></dd><dt>Computer ID</dt><dd><code>${esc(pcid)}</code></dd></dl>
</div>`
  )
}

export function qlmActivationForm(avkey: string, pcid: string): string {
  return page(
    'Activate a license',
    `<p>Enter the activation key and the computer ID your application showed.</p>
<form method="post" action="/qlm/QlmWebActivation.aspx">
${field('is_avkey', 'Activation key', avkey)}
${field('is_pcid', 'Computer ID', pcid)}
<button type="submit">Activate</button>
</form>`
  )
}

export function qlmActivatedPage(avkey: string, pcid: string, computerKey: string, productName?: string): string {
  return page(
    'License activated',
    `<div class="ok" role="status" id="result" data-result="activated">
<p>Type this computer key into ${productName ? esc(productName) : 'the application'} on the offline computer:</p>
<p><output id="computer-key" class="key" aria-label="Computer key">${esc(computerKey)}</output></p>
<dl>${productName ? `<dt>Product</dt><dd id="product-name">${esc(productName)}</dd>` : ''}<dt>Activation key</dt><dd><code>${esc(avkey)}</code></dd><dt>Computer ID</dt><dd><code>${esc(pcid)}</code></dd></dl>
</div>`
  )
}

/**
 * The identity provider's sign-in page. The OAuth parameters travel as hidden fields to the POST, which
 * redirects to the client's loopback address with the code (nothing here runs a script).
 */
export function ssoSignInPage(p: URLSearchParams, accountName: string | undefined, error?: string): string {
  const hidden = ['client_id', 'response_type', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
    .filter((k) => p.get(k) !== null)
    .map((k) => `<input type="hidden" name="${k}" value="${esc(p.get(k) as string)}">`)
    .join('\n')
  return page(
    'Sign in',
    `<p>Sign in with your ${accountName ? `<strong id="account-name">${esc(accountName)}</strong> ` : ''}company account to continue in License Desk.</p>
${error ? `<div class="error" role="alert" id="error"><p id="error-message">${esc(error)}</p></div>` : ''}
<form method="post" action="/sso/authorize">
${hidden}
<label for="email">E-mail</label>
<input id="email" name="email" type="email" value="${esc(p.get('email') ?? '')}" required autocomplete="username">
<label for="password">Password</label>
<input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">Sign in</button>
</form>`
  )
}
