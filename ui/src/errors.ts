// The one place a failure ({code, message} from api.ts, or anything thrown) becomes what the clerk reads.
import { ElMessage } from 'element-plus'

/** How long an error toast stays and whether it has a close button; the default is Element Plus's. */
export interface ErrorToast {
  duration?: number
  showClose?: boolean
}

/** For failures the clerk should have time to read: eight seconds, with a close button. */
export const LINGERING: ErrorToast = { duration: 8000, showClose: true }

/** The Chinese message of a failure: an AppError's message (every IPC failure is one), else the text of what was thrown. */
export function errorText(e: unknown): string {
  const message = (e as { message?: unknown } | null | undefined)?.message
  return typeof message === 'string' ? message : String(e)
}

/** Shows a failure's message as an error toast. */
export function showError(e: unknown, toast: ErrorToast = {}): void {
  ElMessage.error({ message: errorText(e), ...toast })
}

/** Runs `work`, showing its failure as an error toast; undefined when it failed. */
export async function withErrors<T>(work: () => Promise<T>, toast: ErrorToast = {}): Promise<T | undefined> {
  try {
    return await work()
  } catch (e) {
    showError(e, toast)
    return undefined
  }
}
