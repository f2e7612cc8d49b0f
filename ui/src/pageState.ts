// A page's state shared with its parts: the page provides it once, each component below uses it.
import { inject, provide, type InjectionKey } from 'vue'

/** `[provideState, useState]` for state made by `create`: the page calls the first, its parts the second. */
export function pageState<T>(page: string, create: () => T): [() => T, () => T] {
  const key: InjectionKey<T> = Symbol(page)
  function provideState(): T {
    const state = create()
    provide(key, state)
    return state
  }
  function useState(): T {
    const state = inject(key)
    if (!state) throw new Error(`${page}: used outside its page`)
    return state
  }
  return [provideState, useState]
}
