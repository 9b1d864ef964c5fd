// What every provider holds: its product of the vendor profile and the desk's environment.
import type { ProfileProduct } from '../profile'
import { type IdRecipe, otherRecipeNames } from '../recipes'
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

  /** How this product's computer id is computed (the profile's recipe). */
  abstract readonly idRecipe: IdRecipe
  /** The recipe names this provider offers (README "Computer ids"). */
  protected abstract readonly recipeNames: readonly string[]

  /** The recipes other than the one in use, and the override, to suggest when the server holds no seat under the id sent. */
  otherRecipes(): string[] {
    return otherRecipeNames(this.recipeNames, this.idRecipe)
  }
}
