// What every route of the local license server gets for one request.
import type { IncomingMessage } from 'node:http'
import type { LsContext } from '../licensespring'
import type { QlmContext } from '../qlm'
import type { Reply } from '../http'

export interface RouteRequest {
  req: IncomingMessage
  url: URL
  path: string
  /** HEAD is served as GET */
  method: string
  ls: LsContext
  qlm: QlmContext
  /** QLM answers start with a UTF-8 BOM */
  bom: boolean
}

/** A route answers the paths it owns and resolves to undefined for the others. */
export type Route = (r: RouteRequest) => Promise<Reply | undefined>
