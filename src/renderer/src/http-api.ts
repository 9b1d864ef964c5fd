// Browser mode's window.licenseDesk: the same LicenseDeskApi as the preload, over HTTP to `license-desk ui`
// on 127.0.0.1 (routes from src/shared/http.ts) with progress on its Server-Sent Events stream. Loaded
// only when no preload exposed the API (the desktop app never loads this file).
// - The per-launch token comes in the URL fragment (never sent to a server, never in a Referer); it is
//   moved to sessionStorage and the fragment removed from the address bar and the history.
// - Picking a .lic or a seat receipt happens here (a file input); its content is sent, never a path.
// - Copying uses the browser's clipboard.
// - app:info reports the browser's language, as Electron reports the system's.
import { API_METHODS, type ApiMethod, type LicenseDeskApi, type ProgressEvent } from '@shared/contract'
import type { ErrorInfo, Result } from '@shared/errors'
import { EVENTS_PATH, routeOf, TOKEN_FRAGMENT, TOKEN_HEADER } from '@shared/http'

const STORAGE_KEY = 'license-desk-token'

/** Takes the token from #token=... (then removes the fragment) or from this tab's session storage. */
export function takeToken(win: Window): string {
  const params = new URLSearchParams(win.location.hash.replace(/^#/, ''))
  const fromHash = params.get(TOKEN_FRAGMENT)
  if (fromHash) {
    try {
      win.sessionStorage.setItem(STORAGE_KEY, fromHash)
    } catch {
      /* storage disabled: the token lives in this page only */
    }
    win.history.replaceState(null, '', win.location.pathname + win.location.search)
    return fromHash
  }
  try {
    return win.sessionStorage.getItem(STORAGE_KEY) ?? ''
  } catch {
    return ''
  }
}

const gone = (): Result<never> => ({
  ok: false,
  error: {
    code: 'internal',
    message: 'License Desk cannot be reached from this page. Open the address that npm start or license-desk ui printed (it ends in #token=…); if it has stopped, start it again.',
    retryable: true,
    nextStep: 'retry'
  } satisfies ErrorInfo
})

/** Lets the user pick one file (a .lic, a seat receipt); resolves to its text, or undefined when they cancel. */
function pickFile(doc: Document, accept: string): Promise<string | undefined> {
  return new Promise((resolvePromise) => {
    const input = doc.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    const finish = (text: string | undefined) => {
      input.remove()
      resolvePromise(text)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      if (!file) return finish(undefined)
      file.text().then(finish, () => finish(undefined))
    })
    input.addEventListener('cancel', () => finish(undefined))
    doc.body.appendChild(input)
    input.click()
  })
}

export function createHttpApi(win: Window = window): LicenseDeskApi {
  const token = takeToken(win)
  const listeners = new Set<(event: ProgressEvent) => void>()

  async function invoke(channel: (typeof API_METHODS)[ApiMethod], input: unknown): Promise<Result<unknown>> {
    let res: Response
    try {
      res = await win.fetch(routeOf(channel), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify({ input }),
        credentials: 'omit',
        cache: 'no-store'
      })
    } catch {
      return gone()
    }
    if (!res.ok) return gone()
    return (await res.json()) as Result<unknown>
  }

  // One event stream per tab, opened at once: the server counts them to stop after the last tab closes.
  async function stream(): Promise<void> {
    for (let delay = 500; ; delay = Math.min(delay * 2, 5000)) {
      try {
        const res = await win.fetch(EVENTS_PATH, { headers: { [TOKEN_HEADER]: token }, cache: 'no-store', credentials: 'omit' })
        if (res.status === 401 || res.status === 403) return
        if (res.ok && res.body) {
          delay = 500
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
          let buffer = ''
          for (;;) {
            const { value, done } = await reader.read()
            if (done) break
            buffer += value
            for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
              const message = buffer.slice(0, end)
              buffer = buffer.slice(end + 2)
              const data = message
                .split('\n')
                .filter((l) => l.startsWith('data:'))
                .map((l) => l.slice(5).trimStart())
                .join('\n')
              if (!data) continue
              try {
                const event = JSON.parse(data) as ProgressEvent
                for (const l of listeners) l(event)
              } catch {
                /* not an event */
              }
            }
          }
        }
      } catch {
        /* server gone for now: try again */
      }
      await new Promise((r) => setTimeout(r, delay))
    }
  }
  void stream()

  const api = {} as Record<string, unknown>
  for (const [name, channel] of Object.entries(API_METHODS) as Array<[ApiMethod, (typeof API_METHODS)[ApiMethod]]>) {
    api[name] = (input?: unknown) => invoke(channel, input)
  }
  api.getAppInfo = async () => {
    const r = (await invoke(API_METHODS.getAppInfo, undefined)) as Awaited<ReturnType<LicenseDeskApi['getAppInfo']>>
    return r.ok ? { ok: true, value: { ...r.value, locale: win.navigator.language || r.value.locale } } : r
  }
  api.importOfflineActivation = async (req: { productId: string; content?: string }) => {
    if (req?.content !== undefined) return invoke(API_METHODS.importOfflineActivation, req)
    const content = await pickFile(win.document, '.lic,application/octet-stream,text/plain')
    if (content === undefined) return { ok: true, value: { cancelled: true } }
    return invoke(API_METHODS.importOfflineActivation, { ...req, content })
  }
  api.importReceipt = async (req: { content: string } | { dialog: true }) => {
    if (req && 'content' in req) return invoke(API_METHODS.importReceipt, req)
    const content = await pickFile(win.document, '.json,application/json,text/plain')
    if (content === undefined) return { ok: true, value: { cancelled: true } }
    return invoke(API_METHODS.importReceipt, { content })
  }
  api.copyText = async (req: { text: string }) => {
    try {
      await win.navigator.clipboard.writeText(req.text)
      return { ok: true, value: null }
    } catch {
      return { ok: false, error: { code: 'internal', message: 'The browser did not allow copying.', retryable: true, nextStep: 'retry' } }
    }
  }
  api.onProgress = (listener: (event: ProgressEvent) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onProgress needs a function')
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }
  return Object.freeze(api) as unknown as LicenseDeskApi
}
