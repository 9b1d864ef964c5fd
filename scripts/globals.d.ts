// Globals the benchmark's pages set (scripts/bench.mjs reads them through Playwright).
interface Window {
  /** ms from navigation start until the wizard was interactive */
  __ready?: number
  /** The paths of the files the bench page had fetched when it first showed a product. */
  __files?: string[]
}
