// What every provider holds: its product of the vendor profile and the desk's environment.
import type { ProfileProduct } from '../profile'
import type { ProviderEnv } from './port'

export abstract class ProductProvider<P extends ProfileProduct> {
  readonly productId: string
  readonly productName: string
  constructor(
    readonly product: P,
    protected readonly env: ProviderEnv
  ) {
    this.productId = product.id
    this.productName = product.name
  }
}
