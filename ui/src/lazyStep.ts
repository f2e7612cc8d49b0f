// 积压处理 (BacklogStep) on 工作台 is a dialog a click opens: its form (a date picker, checkboxes)
// is a chunk fetched on that click, not part of the first page (issue 22). The dialog mounts on the
// first click, and the click's offer waits for it.
import { defineAsyncComponent, ref, watch } from 'vue'
import type BacklogStepComponent from './components/BacklogStep.vue'

export const LazyBacklogStep = defineAsyncComponent(() => import('./components/BacklogStep.vue'))

type Step = InstanceType<typeof BacklogStepComponent>

export function useLazyBacklogStep() {
  /** Set on the first click: the template mounts the dialog (`v-if`) from then on. */
  const wanted = ref(false)
  /** The template ref of the mounted dialog. */
  const step = ref<Step | null>(null)
  async function offer(): Promise<boolean> {
    wanted.value = true
    const mounted =
      step.value ??
      (await new Promise<Step>((resolve) => {
        const stop = watch(step, (s) => {
          if (!s) return
          stop()
          resolve(s)
        })
      }))
    return mounted.offer(true)
  }
  return { wanted, step, offer }
}
