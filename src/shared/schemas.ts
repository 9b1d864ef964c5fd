// Input schemas for every IPC channel (validated in main before any handler runs). Strict objects:
// unknown keys (including __proto__/constructor tricks) are refused; every string has a bound.
import { z } from 'zod'
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

export const inputSchemas = {
  'app:info': none,
  'status:get': none,
  'activate:online': z
    .strictObject({
      productId: id,
      operationId,
      licenseKey: key.optional(),
      username: username.optional(),
      password: password.optional()
    })
    .refine((v) => (v.licenseKey !== undefined) !== (v.username !== undefined && v.password !== undefined), {
      message: 'give either a license key, or a username and a password'
    }),
  'activate:offline:request': z
    .strictObject({ productId: id, licenseKey: key.optional(), username: username.optional() })
    .refine((v) => (v.licenseKey !== undefined) !== (v.username !== undefined), {
      message: 'give either a license key or a username'
    }),
  'activate:offline:import': z.strictObject({ productId: id, content: z.string().min(1).max(1_000_000).optional() }),
  'activate:qlm:url': z.strictObject({ productId: id, activationKey: key }),
  'activate:qlm:computer-key': z.strictObject({ productId: id, activationKey: key, computerKey: key }),
  'deactivate:online': z.strictObject({ productId: id, operationId }),
  'deactivate:offline': z.strictObject({ productId: id, operationId }),
  'operation:cancel': z.strictObject({ operationId }),
  'history:list': none,
  'shell:show-in-folder': z.strictObject({ recordId: z.string().min(1).max(64) }),
  'shell:open-external': z.strictObject({ url: z.string().min(1).max(4096) }),
  'clipboard:write': z.strictObject({ text: z.string().max(8192) }),
  'diagnostics:get': none,
  'seat:release': z
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
  'seat:check': z.strictObject({ productId: id, operationId }),
  'seat:forget': z.strictObject({ productId: id }),
  'seat:receipts': none,
  'seat:receipt:export': z.strictObject({ receiptId: z.string().min(1).max(64) }),
  'seat:receipt:import': z.union([z.strictObject({ content: z.string().min(1).max(100_000) }), z.strictObject({ dialog: z.literal(true) })]),
  'hwid:candidates': none
  // biome-ignore lint/suspicious/noExplicitAny: the input type of a schema is whatever arrives over IPC
} satisfies { [C in Channel]: z.ZodType<Contract[C]['req'], any> }
