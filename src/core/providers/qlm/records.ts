// The QLM deactivation record as the user sees it: the self-help release URL and a prefilled support
// e-mail, both built on read from the sealed activation key (neither is stored).
import type { HistoryRecord } from '@shared/contract'
import type { StoredRecord, StoredSecret } from '../../state'

export function qlmSelfHelpUrl(base: string, activationKey: string, computerId: string, code: string): string {
  const u = new URL(base)
  u.searchParams.set('is_avkey', activationKey)
  u.searchParams.set('is_pcid', computerId)
  u.searchParams.set('is_deactcode', code)
  return u.toString()
}

type DvcRecord = Extract<StoredRecord, { kind: 'qlm-dvc' }>

export function presentDvcRecord(
  rec: DvcRecord,
  env: { supportEmail: string; open(secret: StoredSecret | undefined, what: string): string },
  selfHelpBase: string | undefined
): HistoryRecord {
  const { activationKey, ...rest } = rec
  let key = ''
  try {
    key = activationKey ? env.open(activationKey, 'activation key') : ''
  } catch {
    key = ''
  }
  const selfHelpUrl = selfHelpBase && key ? qlmSelfHelpUrl(selfHelpBase, key, rest.computerId, rest.code) : undefined
  return {
    ...rest,
    ...(selfHelpUrl ? { selfHelpUrl } : {}),
    ...(key ? { activationKey: key } : {}),
    supportMailto: supportMailto(env.supportEmail, rest.productName, key || '(see your order e-mail)', rest.computerId, rest.code, rest.validFor, selfHelpUrl)
  }
}

function supportMailto(email: string, productName: string, hint: string, computerId: string, code: string, validFor: string, selfHelpUrl?: string): string {
  const subject = `Deactivation code for ${productName}`
  const body = [
    `Please release my license of ${productName} from this computer.`,
    '',
    `Product: ${productName}`,
    `Activation key: ${hint}`,
    `Computer id: ${computerId}`,
    `Deactivation code: ${code}`,
    `Valid for: ${validFor}`,
    ...(selfHelpUrl ? ['', `Self-help release page: ${selfHelpUrl}`] : [])
  ].join('\n')
  return `mailto:${email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`
}
