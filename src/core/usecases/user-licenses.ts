// listUserLicenses(product, account): the licenses an account holds of a LicenseSpring product (the
// License API's user_licenses call), so the user picks one and its license_id goes with every later call.
import type { UserLicenseChoice } from '@shared/contract'
import type { DeskContext } from '../context'
import { fail } from '../errors'
import { asLicenseSpring } from '../providers'
import type { OperationOptions } from '../types'

export function listUserLicenses(ctx: DeskContext, productId: string, typed: { username: string; password: string }, opts: OperationOptions = {}): Promise<UserLicenseChoice[]> {
  return ctx.tracked(async () => {
    const ls = asLicenseSpring(ctx.provider(productId))
    if (ls.capabilities().authorization !== 'user') fail('invalid_input', `${ls.productName} is activated with a license key, not an account.`)
    const identity = ls.normalizeIdentity(typed)
    return ls.userLicenses(identity, opts)
  })
}
