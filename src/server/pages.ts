// Small HTML pages: the LicenseSpring offline portal and the QLM self-help pages. No scripts, no
// external resources; the one inline style sheet is allowed by its hash in a strict CSP.
import { createHash } from 'node:crypto'

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111;background:#fff}
label{display:block;font-weight:600;margin-top:1rem}input,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.4rem;border:1px solid #555;border-radius:4px}
button{font:inherit;margin-top:1rem;padding:.5rem 1.2rem;border:2px solid #1a4fa0;background:#1a4fa0;color:#fff;border-radius:4px;cursor:pointer}
button:focus-visible,input:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #e8a400;outline-offset:2px}
.error{border-left:6px solid #b00020;padding:.5rem 1rem;background:#fdecee}.ok{border-left:6px solid #1b7f3b;padding:.5rem 1rem;background:#e9f6ee}
code,output{font-family:ui-monospace,monospace;font-size:1.1rem;word-break:break-all}.key{font-size:1.6rem;font-weight:700;letter-spacing:.05em}`

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

export function esc(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
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

export function errorPage(title: string, code: string, message: string, back: string): string {
  return page(
    title,
    `<div class="error" role="alert" id="error" data-error-code="${esc(code)}">
<p><strong>Error code:</strong> <code id="error-code">${esc(code)}</code></p>
<p id="error-message">${esc(message)}</p>
</div>
<p><a href="${esc(back)}">Try again</a></p>`
  )
}

export function deactivatedPage(identity: string, hardwareId: string, product: string, requestId: string | undefined): string {
  return page(
    'License deactivated',
    `<div class="ok" role="status" id="result" data-result="license_deactivated">
<p>The seat was released. You can now activate the license on another computer.</p>
<dl>
<dt>Product</dt><dd><code>${esc(product)}</code></dd>
<dt>License</dt><dd><code>${esc(identity)}</code></dd>
<dt>Hardware ID</dt><dd><code id="hardware-id">${esc(hardwareId)}</code></dd>
${requestId !== undefined ? `<dt>Request ID</dt><dd><code id="request-id">${esc(requestId)}</code></dd>` : ''}
</dl>
</div>
<p><a href="/offline">Upload another file</a></p>`
  )
}

function field(id: string, label: string, value: string): string {
  return `<label for="${id}">${esc(label)}</label>\n<input id="${id}" name="${id}" value="${esc(value)}" required autocomplete="off" spellcheck="false">`
}

export function qlmReleaseForm(avkey: string, pcid: string, code: string): string {
  return page(
    'Release a license',
    `<p>Enter your activation key, computer ID and the deactivation verification code your application showed.</p>
<form method="post" action="/qlm/QlmReleaseLicense.aspx">
${field('is_avkey', 'Activation key', avkey)}
${field('is_pcid', 'Computer ID', pcid)}
${field('is_deactcode', 'Deactivation verification code', code)}
<button type="submit">Release license</button>
</form>`
  )
}

export function qlmReleasedPage(avkey: string, pcid: string): string {
  return page(
    'License released',
    `<div class="ok" role="status" id="result" data-result="released">
<p>The license was released. You can now activate it on another computer.</p>
<dl><dt>Activation key</dt><dd><code>${esc(avkey)}</code></dd><dt>Computer ID</dt><dd><code>${esc(pcid)}</code></dd></dl>
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

export function qlmActivatedPage(avkey: string, pcid: string, computerKey: string): string {
  return page(
    'License activated',
    `<div class="ok" role="status" id="result" data-result="activated">
<p>Type this computer key into the application on the offline computer:</p>
<p><output id="computer-key" class="key" aria-label="Computer key">${esc(computerKey)}</output></p>
<dl><dt>Activation key</dt><dd><code>${esc(avkey)}</code></dd><dt>Computer ID</dt><dd><code>${esc(pcid)}</code></dd></dl>
</div>`
  )
}
