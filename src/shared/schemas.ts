// Input schemas for every IPC channel (validated in main before any handler runs). Strict objects:
// unknown keys (including __proto__/constructor tricks) are refused; every string has a bound.
import { z } from './zod'
import type { Channel, Contract } from './contract'

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/)
const operationId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)
const key = z.string().trim().min(1).max(256)
const username = z.string().trim().min(1).max(256)
const password = z.string().min(1).max(1024)

const none = z.undefined()

const text = (max: number) => z.string().max(max)
/** A seat receipt as the renderer hands one back (it came from main; checked again here). */
const receipt = z.strictObject({
  id: text(64).min(1),
  productId: id,
  productName: text(256).min(1),
  provider: z.enum(['licensespring', 'qlm']),
  keyHint: text(256).optional(),
  username: text(256).optional(),
  hardwareId: text(255).min(1),
  hardwareIdSource: text(256).optional(),
  hostname: text(256).optional(),
  at: text(64).min(1)
})

// One schema per request shape; src/shared/contract.ts takes the request types from these (z.infer), so
// each shape is written here only.
const operation = z.strictObject({ productId: id, operationId })

export const requestSchemas = {
  operation,
  activateOnline: z
    .strictObject({
      productId: id,
      /** Chosen by the renderer; used to cancel and to match progress events. */
      operationId,
      licenseKey: key.optional(),
      username: username.optional(),
      password: password.optional(),
      licenseId: z.number().int().positive().optional(),
      sso: z.literal(true).optional()
    })
    .refine(
      (v) =>
        [v.licenseKey !== undefined, v.username !== undefined || v.password !== undefined, v.sso === true].filter(Boolean).length === 1 &&
        (v.username !== undefined) === (v.password !== undefined),
      { message: 'give either a license key, or a username and a password, or sso' }
    ),
  offlineActivationRequest: z
    .strictObject({
      productId: id,
      licenseKey: key.optional(),
      username: username.optional(),
      /** One of the account's several licenses (typed, or picked from licenses:list): its license_id goes in the file. */
      licenseId: z.number().int().positive().optional()
    })
    .refine((v) => (v.licenseKey !== undefined) !== (v.username !== undefined), {
      message: 'give either a license key or a username'
    }),
  /** content: the .lic file's text (e.g. from a dropped file). Without it, main shows an open dialog. */
  importActivation: z.strictObject({ productId: id, content: z.string().min(1).max(1_000_000).optional() }),
  qlmActivationUrl: z.strictObject({ productId: id, activationKey: key }),
  qlmComputerKey: z.strictObject({ productId: id, activationKey: key, computerKey: key }),
  userLicenses: z.strictObject({ productId: id, username, password }),
  /** until: ISO date-time to borrow until; null: the longest the license allows. */
  borrow: z.strictObject({
    productId: id,
    operationId,
    until: z.union([z.iso.datetime({ offset: true }), z.null()])
  }),
  cancel: z.strictObject({ operationId }),
  showInFolder: z.strictObject({ recordId: z.string().min(1).max(64) }),
  openExternal: z.strictObject({ url: z.string().min(1).max(4096) }),
  copyText: z.strictObject({ text: z.string().max(8192) }),
  /** A seat of this product released by key: this computer's former id, or an old computer's (typed or from its receipt). */
  releaseSeat: z
    .strictObject({
      productId: id,
      operationId,
      licenseKey: key.optional(),
      username: username.optional(),
      password: password.optional(),
      oldHardwareId: z.string().trim().min(1).max(255).optional(),
      receipt: receipt.optional(),
      offline: z.boolean()
    })
    .refine((v) => (v.licenseKey !== undefined) !== (v.username !== undefined), { message: 'give either a license key or a username' })
    .refine((v) => !(v.oldHardwareId !== undefined && v.receipt !== undefined), { message: 'give either the old computer id or a receipt' }),
  product: z.strictObject({ productId: id }),
  exportReceipt: z.strictObject({ receiptId: z.string().min(1).max(64) }),
  /** content: the receipt file's text (browser mode always sends it); dialog: main shows an open dialog (desktop only). */
  importReceipt: z.union([z.strictObject({ content: z.string().min(1).max(100_000) }), z.strictObject({ dialog: z.literal(true) })])
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
} satisfies { [C in Channel]: z.ZodType<Contract[C]['req'], any> }
