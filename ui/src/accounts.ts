// What the window does around accounts besides calling the ledger: the idle lock's clock and the
// one check a form makes before sending a new password (the ledger checks everything else).

/** The problem with a new password pair before it is sent, or '' (length and the 登录名 rule
 *  are the ledger's, and its message is shown as it comes). */
export function passwordProblem(_login: string, password: string, again: string): string {
  if (!password) return '请填写密码'
  if (password !== again) return '两次输入的密码不一致'
  return ''
}

/** The window's activity: any of these counts as someone working. */
const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const

/** How often the idle lock looks at the clock. */
export const IDLE_CHECK_MS = 15_000

/**
 * Calls `onIdle` once the window has seen no keyboard or mouse activity for `minutes()` minutes
 * while `armed()` (someone is signed in); activity resets the clock. Returns a function that
 * stops watching. The lock itself is the caller's: it signs out and asks for the password again
 * over the page, so nothing typed is lost.
 */
export function startIdleLock(
  minutes: () => number,
  armed: () => boolean,
  onIdle: () => void,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  now: () => number = () => Date.now(),
): () => void {
  let last = now()
  const touch = () => {
    last = now()
  }
  for (const e of ACTIVITY) target.addEventListener(e, touch, { passive: true })
  const timer = setInterval(() => {
    if (!armed()) {
      last = now()
      return
    }
    if (now() - last >= minutes() * 60_000) {
      last = now()
      onIdle()
    }
  }, IDLE_CHECK_MS)
  return () => {
    clearInterval(timer)
    for (const e of ACTIVITY) target.removeEventListener(e, touch)
  }
}
