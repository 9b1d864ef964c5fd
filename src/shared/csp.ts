// The app's Content-Security-Policy, written once. The renderer build writes APP_CSP into
// out/renderer/index.html as a meta tag (electron.vite.config.ts), and the main process sends
// APP_CSP_HEADER on our own pages' responses (src/main/security.ts). No runtime dependencies.

/** Only our own files; no inline scripts, no eval, no remote origins, no plugins. */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'"
].join('; ')

/** The header form: the same policy plus no framing (frame-ancestors is ignored, with a warning, in a meta tag). */
export const APP_CSP_HEADER = `${APP_CSP}; frame-ancestors 'none'`
