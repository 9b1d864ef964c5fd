import { useI18n } from '../i18n'

/** For SSO products: the sign-in happens in the system browser (never in this window); say so, and that we wait. */
export function SsoSignInNote({ waiting }: { waiting: boolean }) {
  const { m } = useI18n()
  return (
    <div className="sso-note" data-testid="sso-note">
      <p>{m.sso.explain}</p>
      {waiting && (
        <p className="notice notice-info" role="status">
          {m.sso.waitingExplain}
        </p>
      )}
    </div>
  )
}
