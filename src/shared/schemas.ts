// Input schemas for every IPC channel (validated in main before any handler runs). Strict objects:
// unknown keys (including __proto__/constructor tricks) are refused; every string has a bound.
import { zm } from './zod'
import type { Channel, Contract } from './contract'

/** A string of minLength..maxLength characters (trimmed first when trim is set). */
const str = (min: number, max: number, trim = false) => zm.string().check(...(trim ? [zm.trim()] : []), ...(min > 0 ? [zm.minLength(min)] : []), zm.maxLength(max))
const id = zm.string().check(zm.minLength(1), zm.maxLength(64), zm.regex(/^[A-Za-z0-9._-]+$/))
const operationId = zm.string().check(zm.minLength(1), zm.maxLength(64), zm.regex(/^[A-Za-z0-9_-]+$/))
const key = str(1, 256, true)
const username = str(1, 256, true)
const password = str(1, 1024)

const none = zm.undefined()

/** The schema with rules over the whole object, each with the message a refused request gets. */
function refined<T extends zm.ZodMiniType>(schema: T, ...rules: [(v: zm.output<T>) => boolean, string][]): T {
  return schema.check(...rules.map(([rule, message]) => zm.refine<zm.output<T>>(rule, { message })))
}

const text = (max: number) => str(0, max)
/** A seat receipt as the renderer hands one back (it came from main; checked again here). */
const receipt = zm.strictObject({
  id: str(1, 64),
  productId: id,
  productName: str(1, 256),
  provider: zm.enum(['licensespring', 'qlm']),
  keyHint: zm.optional(text(256)),
  username: zm.optional(text(256)),
  hardwareId: str(1, 255),
  hardwareIdSource: zm.optional(text(256)),
  hostname: zm.optional(text(256)),
  at: str(1, 64)
})

// One schema per request shape; src/shared/contract.ts takes the request types from these (zm.infer), so
// each shape is written here only.
const operation = zm.strictObject({ productId: id, operationId })

export const requestSchemas = {
  operation,
  activateOnline: refined(
    zm.strictObject({
      productId: id,
      /** Chosen by the renderer; used to cancel and to match progress events. */
      operationId,
      licenseKey: zm.optional(key),
      username: zm.optional(username),
      password: zm.optional(password),
      licenseId: zm.optional(zm.number().check(zm.int(), zm.positive())),
      sso: zm.optional(zm.literal(true))
    }),
    [
      (v) =>
        [v.licenseKey !== undefined, v.username !== undefined || v.password !== undefined, v.sso === true].filter(Boolean).length === 1 &&
        (v.username !== undefined) === (v.password !== undefined),
      'give either a license key, or a username and a password, or sso'
    ]
  ),
  offlineActivationRequest: refined(
    zm.strictObject({
      productId: id,
      licenseKey: zm.optional(key),
      username: zm.optional(username),
      /** One of the account's several licenses (typed, or picked from licenses:list): its license_id goes in the file. */
      licenseId: zm.optional(zm.number().check(zm.int(), zm.positive()))
    }),
    [(v) => (v.licenseKey !== undefined) !== (v.username !== undefined), 'give either a license key or a username']
  ),
  /** content: the .lic file's text (e.g. from a dropped file). Without it, main shows an open dialog. */
  importActivation: zm.strictObject({ productId: id, content: zm.optional(str(1, 1_000_000)) }),
  qlmActivationUrl: zm.strictObject({ productId: id, activationKey: key }),
  qlmComputerKey: zm.strictObject({ productId: id, activationKey: key, computerKey: key }),
  userLicenses: zm.strictObject({ productId: id, username, password }),
  /** until: ISO date-time to borrow until; null: the longest the license allows. */
  borrow: zm.strictObject({
    productId: id,
    operationId,
    until: zm.union([zm.iso.datetime({ offset: true }), zm.null()])
  }),
  cancel: zm.strictObject({ operationId }),
  showInFolder: zm.strictObject({ recordId: str(1, 64) }),
  openExternal: zm.strictObject({ url: str(1, 4096) }),
  copyText: zm.strictObject({ text: str(0, 8192) }),
  /** A seat of this product released by key: this computer's former id, or an old computer's (typed or from its receipt). */
  releaseSeat: refined(
    zm.strictObject({
      productId: id,
      operationId,
      licenseKey: zm.optional(key),
      username: zm.optional(username),
      password: zm.optional(password),
      oldHardwareId: zm.optional(str(1, 255, true)),
      receipt: zm.optional(receipt),
      offline: zm.boolean()
    }),
    [(v) => (v.licenseKey !== undefined) !== (v.username !== undefined), 'give either a license key or a username'],
    [(v) => !(v.oldHardwareId !== undefined && v.receipt !== undefined), 'give either the old computer id or a receipt']
  ),
  product: zm.strictObject({ productId: id }),
  exportReceipt: zm.strictObject({ receiptId: str(1, 64) }),
  /** content: the receipt file's text (browser mode always sends it); dialog: main shows an open dialog (desktop only). */
  importReceipt: zm.union([zm.strictObject({ content: str(1, 100_000) }), zm.strictObject({ dialog: zm.literal(true) })])
}

const r = requestSchemas
export const inputSchemas = {
  'app:info': none,
  'status:get': none,
  'activate:online': r.activateOnline,
  'activate:offline:request': r.offlineActivationRequest,
  'activate:offline:import': r.importActivation,
  'activate:qlm:url': r.qlmActivationUrl,
  'activate:qlm:computer-key': r.qlmComputerKey,
  'licenses:list': r.userLicenses,
  'floating:borrow': r.borrow,
  'floating:release': r.operation,
  'deactivate:online': r.operation,
  'deactivate:offline': r.operation,
  'operation:cancel': r.cancel,
  'history:list': none,
  'shell:show-in-folder': r.showInFolder,
  'shell:open-external': r.openExternal,
  'clipboard:write': r.copyText,
  'diagnostics:get': none,
  'seat:release': r.releaseSeat,
  'seat:check': r.operation,
  'seat:forget': r.product,
  'seat:receipts': none,
  'seat:receipt:export': r.exportReceipt,
  'seat:receipt:import': r.importReceipt,
  'hwid:candidates': none
  // biome-ignore lint/suspicious/noExplicitAny: the input type of a schema is whatever arrives over IPC
} satisfies { [C in Channel]: zm.ZodMiniType<Contract[C]['req'], any> }
