// A seat receipt of an old computer (the demo's studio key), for the tests that release its seat.
import type { SeatReceipt } from '@shared/contract'

export const OLD_RECEIPT: SeatReceipt = {
  id: 'r-1',
  productId: 'studio',
  productName: 'Demo Studio',
  provider: 'licensespring',
  keyHint: 'DEMO-••••-••••-0001',
  hardwareId: 'OLD-LAPTOP-0001',
  hostname: 'old-laptop',
  at: '2026-01-05T10:00:00.000Z'
}
