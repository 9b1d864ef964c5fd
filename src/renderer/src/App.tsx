import { lazy, startTransition, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentType, type LazyExoticComponent } from 'react'
import type { AppInfo, LicenseDeskApi, ProgressEvent, StatusSnapshot } from '@shared/contract'
import type { ErrorInfo, Result } from '@shared/errors'
import { AnnounceContext, ApiContext, EnvContext, ProgressContext } from './context'
import { progressText } from './progress'
import { I18nContext, loadCatalog, loadWholeCatalog, pickLocale, type FirstI18n, type FirstMessages, type Locale } from './i18n'
import { NavContext, productIdOf, type Nav, type Screen } from './nav'
import { HomeScreen } from './screens/Home'

/** A component a module exports by name, loaded with that module when first rendered. */
// biome-ignore lint/suspicious/noExplicitAny: React.lazy's own bound
function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(() => load().then((mod) => ({ default: mod[name] })))
}

// Home is in the first load; every other screen (and what only they use) loads when first needed, with the
// rest of the catalog (useI18n waits for it).
const FlowSteps = lazyNamed(() => import('./components/StepIndicator'), 'FlowSteps')
const ErrorPanel = lazyNamed(() => import('./components/ErrorPanel'), 'ErrorPanel')
const HistoryScreen = lazyNamed(() => import('./screens/History'), 'HistoryScreen')
const ActivateMethod = lazyNamed(() => import('./screens/Activate'), 'ActivateMethod')
const ActivateOnline = lazyNamed(() => import('./screens/Activate'), 'ActivateOnline')
const ActivateDone = lazyNamed(() => import('./screens/Activate'), 'ActivateDone')
const LsOfflineActivate = lazyNamed(() => import('./screens/ActivateOffline'), 'LsOfflineActivate')
const QlmOfflineActivate = lazyNamed(() => import('./screens/ActivateOffline'), 'QlmOfflineActivate')
const DeactivateMethod = lazyNamed(() => import('./screens/Deactivate'), 'DeactivateMethod')
const DeactivateConfirm = lazyNamed(() => import('./screens/Deactivate'), 'DeactivateConfirm')
const DeactivateProgress = lazyNamed(() => import('./screens/Deactivate'), 'DeactivateProgress')
const DeactivateDone = lazyNamed(() => import('./screens/Deactivate'), 'DeactivateDone')
const RecordScreen = lazyNamed(() => import('./screens/Record'), 'RecordScreen')
const ReleaseSeatScreen = lazyNamed(() => import('./screens/Seats'), 'ReleaseSeatScreen')
const ReceiptsScreen = lazyNamed(() => import('./screens/Seats'), 'ReceiptsScreen')

/** Fetches the other screens and their texts once Home is up, so the first click does not wait for the network or disk. */
function prefetchScreens(i18n: FirstI18n): void {
  void Promise.all([
    loadWholeCatalog(i18n),
    import('./components/StepIndicator'),
    import('./components/ErrorPanel'),
    import('./screens/Activate'),
    import('./screens/ActivateOffline'),
    import('./screens/Deactivate'),
    import('./screens/Record'),
    import('./screens/History'),
    import('./screens/Seats')
  ]).catch(() => undefined)
}

export interface AppProps {
  api: LicenseDeskApi
  /** Overrides the locale picked from AppInfo / navigator.language (tests, screenshots). */
  locale?: Locale
  /** The first part of the catalog of `locale` (or of the picked locale), loaded before the first render
   * (boot.ts); tests may give a whole catalog. */
  messages?: FirstMessages
  /** App info and status fetched before the first render (main.tsx), so Home appears in one pass. */
  initial?: { info: Result<AppInfo>; status: Result<StatusSnapshot> }
}

export function App({ api, locale: forcedLocale, messages, initial }: AppProps) {
  const [info, setInfo] = useState<AppInfo | null>(initial?.info.ok ? initial.info.value : null)
  const [status, setStatus] = useState<StatusSnapshot | null>(initial?.status.ok ? initial.status.value : null)
  const [loadError, setLoadError] = useState<ErrorInfo | null>(initial && !initial.status.ok ? initial.status.error : null)
  const [stack, setStack] = useState<Screen[]>([{ name: 'home' }])
  const [message, setMessage] = useState('')
  const [progress, setProgress] = useState<ProgressEvent | null>(null)
  const clearTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  const locale: Locale = forcedLocale ?? pickLocale(info?.locale || (typeof navigator !== 'undefined' ? navigator.language : 'en'))
  const [i18n, setI18n] = useState<FirstI18n | null>(messages ? { locale, m: messages } : null)
  // A locale learnt after the first render (no preloaded catalog, or another language) loads its catalog.
  useEffect(() => {
    if (i18n?.locale === locale) return
    let live = true
    void loadCatalog(locale).then((m) => {
      if (live) setI18n({ locale, m })
    })
    return () => {
      live = false
    }
  }, [locale, i18n?.locale])

  useEffect(() => {
    if (i18n) document.documentElement.lang = i18n.locale
  }, [i18n])

  useEffect(() => {
    if (!i18n) return
    const prefetch = () => prefetchScreens(i18n)
    const idle = (globalThis as { requestIdleCallback?: (f: () => void) => number }).requestIdleCallback
    if (idle) idle(prefetch)
    else setTimeout(prefetch, 200)
  }, [i18n])

  const announce = useCallback((text: string) => {
    // Clear first so the same text twice is announced twice.
    setMessage('')
    clearTimeout(clearTimer.current)
    clearTimer.current = setTimeout(() => setMessage(text), 50)
  }, [])

  const mRef = useRef<FirstI18n | null>(i18n)
  mRef.current = i18n
  useEffect(
    () =>
      api.onProgress((e) => {
        setProgress(e)
        if (mRef.current) announce(progressText(mRef.current.m, e, mRef.current.locale))
      }),
    [api, announce]
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
  // In a transition, the current screen stays up while the next one's code loads (no blank frame).
  const move = useCallback((f: (st: Screen[]) => Screen[]) => startTransition(() => setStack(f)), [])
  const nav: Nav = useMemo(
    () => ({
      screen,
      canGoBack: stack.length > 1,
      go: (s) => move((st) => [...st, s]),
      replace: (s) => move((st) => [...st.slice(0, -1), s]),
      back: () => move((st) => (st.length > 1 ? st.slice(0, -1) : st)),
      backWith: (s) => move((st) => [...st.slice(0, Math.max(1, st.length - 2)), s]),
      home: () => {
        move(() => [{ name: 'home' }])
        void refresh()
      },
      refresh
    }),
    [screen, stack.length, refresh, move]
  )

  if (!i18n) return null
  const m = i18n.m
  const productId = productIdOf(screen)
  // Anything but Home needs the rest of the catalog: its loading starts with the screen's code, not after it.
  if (screen.name !== 'home' || loadError) void loadWholeCatalog(i18n)
  const onTop = screen.name === 'home' || screen.name === 'history'
  // "Demo" once: not as a badge when the app's name already says it.
  const plain = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  const showDemoBadge = !!info?.demo && !plain(info.appName).includes(plain(m.app.demoBadge))

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
                    {showDemoBadge && (
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
                      onClick={() => move(() => [{ name: 'home' }, { name: 'history' }])}
                    >
                      {m.app.history}
                    </button>
                  </nav>
                </header>
                <main id="main" className="main" tabIndex={-1}>
                  <div className={onTop ? 'container' : 'container narrow'}>
                    <Suspense fallback={null}>
                      {screen.name !== 'home' && <FlowSteps screen={screen} product={status?.products.find((p) => p.id === productId)} />}
                      {loadError && screen.name === 'home' ? <ErrorPanel error={loadError} onRetry={() => void refresh()} /> : <CurrentScreen screen={screen} />}
                    </Suspense>
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
