import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { AppInfo, LicenseDeskApi, ProgressEvent, StatusSnapshot } from '@shared/contract'
import type { ErrorInfo, Result } from '@shared/errors'
import { AnnounceContext, ApiContext, EnvContext, ProgressContext } from './context'
import { progressText } from './useOperation'
import { catalogs, I18nContext, pickLocale, type Locale } from './i18n'
import { flowOf, NavContext, type Nav, type Screen } from './nav'
import { StepIndicator } from './components/StepIndicator'
import { ErrorPanel } from './components/ErrorPanel'
import { HomeScreen } from './screens/Home'
import { HistoryScreen } from './screens/History'
import { ActivateDone, ActivateMethod, ActivateOnline } from './screens/Activate'
import { LsOfflineActivate, QlmOfflineActivate } from './screens/ActivateOffline'
import { DeactivateConfirm, DeactivateDone, DeactivateMethod, DeactivateProgress } from './screens/Deactivate'
import { RecordScreen } from './screens/Record'
import { ReceiptsScreen, ReleaseSeatScreen } from './screens/Seats'

export interface AppProps {
  api: LicenseDeskApi
  /** Overrides the locale picked from AppInfo / navigator.language (tests, screenshots). */
  locale?: Locale
  /** App info and status fetched before the first render (main.tsx), so Home appears in one pass. */
  initial?: { info: Result<AppInfo>; status: Result<StatusSnapshot> }
}

export function App({ api, locale: forcedLocale, initial }: AppProps) {
  const [info, setInfo] = useState<AppInfo | null>(initial?.info.ok ? initial.info.value : null)
  const [status, setStatus] = useState<StatusSnapshot | null>(initial?.status.ok ? initial.status.value : null)
  const [loadError, setLoadError] = useState<ErrorInfo | null>(initial && !initial.status.ok ? initial.status.error : null)
  const [stack, setStack] = useState<Screen[]>([{ name: 'home' }])
  const [message, setMessage] = useState('')
  const [progress, setProgress] = useState<ProgressEvent | null>(null)
  const clearTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  const locale: Locale = forcedLocale ?? pickLocale(info?.locale || (typeof navigator !== 'undefined' ? navigator.language : 'en'))
  const i18n = useMemo(() => ({ locale, m: catalogs[locale] }), [locale])
  const m = i18n.m

  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  const announce = useCallback((text: string) => {
    // Clear first so the same text twice is announced twice.
    setMessage('')
    clearTimeout(clearTimer.current)
    clearTimer.current = setTimeout(() => setMessage(text), 50)
  }, [])

  useEffect(
    () =>
      api.onProgress((e) => {
        setProgress(e)
        announce(progressText(m, e))
      }),
    [api, announce, m]
  )

  const refresh = useCallback(async () => {
    const r = await api.getStatus()
    if (r.ok) {
      setStatus(r.value)
      setLoadError(null)
    } else setLoadError(r.error)
  }, [api])

  const fetchedInitially = useRef(initial !== undefined)
  useEffect(() => {
    if (fetchedInitially.current) {
      fetchedInitially.current = false
      return
    }
    void api.getAppInfo().then((r) => {
      if (r.ok) setInfo(r.value)
    })
    void refresh()
  }, [api, refresh])

  useEffect(() => {
    if (info) document.title = info.appName
  }, [info])

  // Dropping a file must never navigate the window away; screens that accept files handle it themselves.
  useEffect(() => {
    const stop = (e: DragEvent) => e.preventDefault()
    window.addEventListener('dragover', stop)
    window.addEventListener('drop', stop)
    return () => {
      window.removeEventListener('dragover', stop)
      window.removeEventListener('drop', stop)
    }
  }, [])

  const screen = stack[stack.length - 1]
  const nav: Nav = useMemo(
    () => ({
      screen,
      canGoBack: stack.length > 1,
      go: (s) => setStack((st) => [...st, s]),
      replace: (s) => setStack((st) => [...st.slice(0, -1), s]),
      back: () => setStack((st) => (st.length > 1 ? st.slice(0, -1) : st)),
      backWith: (s) => setStack((st) => [...st.slice(0, Math.max(1, st.length - 2)), s]),
      home: () => {
        setStack([{ name: 'home' }])
        void refresh()
      },
      refresh
    }),
    [screen, stack.length, refresh]
  )

  const flow = flowOf(screen)
  const onTop = screen.name === 'home' || screen.name === 'history'

  return (
    <ApiContext.Provider value={api}>
      <I18nContext.Provider value={i18n}>
        <EnvContext.Provider value={{ info, status }}>
          <AnnounceContext.Provider value={announce}>
            <ProgressContext.Provider value={progress}>
              <NavContext.Provider value={nav}>
                <a className="skip-link" href="#main">
                  {m.app.skipToContent}
                </a>
                <header className="topbar">
                  <div className="brand">
                    <span className="brand-mark" aria-hidden="true" />
                    <span className="brand-name">{info?.appName ?? 'License Desk'}</span>
                    {info?.demo && (
                      <span className="badge badge-neutral" title={m.app.demoNote}>
                        {m.app.demoBadge}
                      </span>
                    )}
                  </div>
                  <nav aria-label={m.app.mainNav} className="topnav">
                    <button type="button" className={screen.name === 'home' ? 'tab active' : 'tab'} aria-current={screen.name === 'home' ? 'page' : undefined} onClick={nav.home}>
                      {m.app.overview}
                    </button>
                    <button
                      type="button"
                      className={screen.name === 'history' ? 'tab active' : 'tab'}
                      aria-current={screen.name === 'history' ? 'page' : undefined}
                      onClick={() => setStack([{ name: 'home' }, { name: 'history' }])}
                    >
                      {m.app.history}
                    </button>
                  </nav>
                </header>
                <main id="main" className="main" tabIndex={-1}>
                  <div className={onTop ? 'container' : 'container narrow'}>
                    {flow && <StepIndicator steps={m.flows[flow.flow]} current={flow.index} />}
                    {loadError && screen.name === 'home' ? <ErrorPanel error={loadError} onRetry={() => void refresh()} /> : <CurrentScreen screen={screen} />}
                  </div>
                </main>
                <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
                  {message}
                </div>
              </NavContext.Provider>
            </ProgressContext.Provider>
          </AnnounceContext.Provider>
        </EnvContext.Provider>
      </I18nContext.Provider>
    </ApiContext.Provider>
  )
}

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen.name) {
    case 'home':
      return <HomeScreen />
    case 'history':
      return <HistoryScreen />
    case 'activate-method':
      return <ActivateMethod key={screen.productId} productId={screen.productId} />
    case 'activate-online':
      return <ActivateOnline productId={screen.productId} />
    case 'activate-ls-offline':
      return <LsOfflineActivate productId={screen.productId} startAtImport={screen.startAtImport ?? false} />
    case 'activate-qlm-offline':
      return <QlmOfflineActivate productId={screen.productId} />
    case 'activate-done':
      return <ActivateDone productId={screen.productId} clockOffsetMs={screen.clockOffsetMs} />
    case 'deactivate-method':
      return <DeactivateMethod productId={screen.productId} />
    case 'deactivate-confirm':
      return <DeactivateConfirm key={`${screen.mode}-${screen.error?.code ?? ''}-${screen.notice ?? ''}`} screen={screen} />
    case 'deactivate-progress':
      return <DeactivateProgress screen={screen} />
    case 'deactivate-done':
      return <DeactivateDone productId={screen.productId} alreadyReleased={screen.alreadyReleased} clockOffsetMs={screen.clockOffsetMs} />
    case 'record':
      return <RecordScreen key={screen.record.id} record={screen.record} fresh={screen.fresh} byKey={screen.byKey} />
    case 'release-seat':
      return <ReleaseSeatScreen productId={screen.productId} whose={screen.whose} />
    case 'receipts':
      return <ReceiptsScreen />
  }
}
