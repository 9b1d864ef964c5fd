// The catalogs' types, from the English texts: every other language must have exactly these keys.
import type { en } from './en'
import type { enScreens } from './en.screens'

type Widen<T> = T extends string ? string : T extends readonly (infer U)[] ? Widen<U>[] : T extends object ? { [K in keyof T]: Widen<T[K]> } : T

/** The texts of the app's chrome and of Home, loaded before the first render. */
export type FirstMessages = Widen<typeof en>
/** The texts of the other screens, loaded with them. */
export type ScreenMessages = Widen<typeof enScreens>
/** One language's every text. */
export type Messages = FirstMessages & ScreenMessages
