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

export const inputSchemas = {
  'app:info': none,
  'status:get': none,
  'activate:online': z
    .strictObject({
      productId: id,
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
  'activate:offline:request': z
    .strictObject({ productId: id, licenseKey: key.optional(), username: username.optional() })
    .refine((v) => (v.licenseKey !== undefined) !== (v.username !== undefined), {
      message: 'give either a license key or a username'
    }),
  'activate:offline:import': z.strictObject({ productId: id, content: z.string().min(1).max(1_000_000).optional() }),
  'activate:qlm:url': z.strictObject({ productId: id, activationKey: key }),
  'activate:qlm:computer-key': z.strictObject({ productId: id, activationKey: key, computerKey: key }),
  'licenses:list': z.strictObject({ productId: id, username, password }),
  'floating:borrow': z.strictObject({
    productId: id,
    operationId,
    until: z.union([z.iso.datetime({ offset: true }), z.null()])
  }),
  'floating:release': z.strictObject({ productId: id, operationId }),
  'deactivate:online': z.strictObject({ productId: id, operationId }),
  'deactivate:offline': z.strictObject({ productId: id, operationId }),
  'operation:cancel': z.strictObject({ operationId }),
  'history:list': none,
  'shell:show-in-folder': z.strictObject({ recordId: z.string().min(1).max(64) }),
  'shell:open-external': z.strictObject({ url: z.string().min(1).max(4096) }),
  'clipboard:write': z.strictObject({ text: z.string().max(8192) }),
  'diagnostics:get': none
  // biome-ignore lint/suspicious/noExplicitAny: the input type of a schema is whatever arrives over IPC
} satisfies { [C in Channel]: z.ZodType<Contract[C]['req'], any> }
