// The window's inner width as a reactive value, so that lists can leave out their least needed
// columns on a small screen (issue 23: at the minimum window size 状态 and 答复期限 stay visible).
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/** Columns a list shows at `width` pixels of window: each column named here is shown from its breakpoint up. */
export function shownFrom<K extends string>(breakpoints: Record<K, number>, width: number): Record<K, boolean> {
  const out = {} as Record<K, boolean>
  for (const k of Object.keys(breakpoints) as K[]) out[k] = width >= breakpoints[k]
  return out
}

/** The window's inner width, updated on resize while the component is mounted. */
export function useWindowWidth(): Ref<number> {
  const width = ref(window.innerWidth)
  const update = () => {
    width.value = window.innerWidth
  }
  onMounted(() => window.addEventListener('resize', update))
  onBeforeUnmount(() => window.removeEventListener('resize', update))
  return width
}
