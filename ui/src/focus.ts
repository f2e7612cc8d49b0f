// Keyboard work (issue 23): the first field of a form or dialog takes the focus when it opens, so
// a clerk can start typing without reaching for the mouse.

const FIELD = [
  'input:not([type=hidden]):not([type=file]):not([disabled]):not([tabindex="-1"])',
  'textarea:not([disabled])',
  'select:not([disabled])',
].join(', ')

/** The first field a clerk types or chooses in, inside `root`, in document order (hidden ones
 *  skipped). A date already filled in (today, by default) is passed over: focusing a date picker
 *  opens its calendar over the form, and the date rarely needs changing. With no other field, the
 *  form's submit button takes the focus, so Enter records the action. */
export function firstField(root: ParentNode | null | undefined): HTMLElement | null {
  if (!root) return null
  for (const el of Array.from(root.querySelectorAll<HTMLElement>(FIELD))) {
    // A field inside a collapsed or hidden part of the form is not the one to start with.
    if (el.closest('[aria-hidden="true"], [hidden], .is-hidden')) continue
    if (el.offsetParent === null && !isTestLayout()) continue
    if (el.closest('.el-date-editor') && (el as HTMLInputElement).value) continue
    return el
  }
  return root.querySelector<HTMLElement>('button[type=submit]:not([disabled])')
}

/** jsdom lays nothing out (offsetParent is always null), so visibility cannot be judged there. */
function isTestLayout(): boolean {
  return typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent)
}

/** Focuses the first field inside `root`; returns it (null when there is none). A field of `root`
 *  the clerk has already put the cursor in (a click or typing while the dialog faded in) keeps it:
 *  moving the focus then would send the rest of the typing elsewhere. */
export function focusFirstField(root: ParentNode | null | undefined): HTMLElement | null {
  const current = typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)
  if (root && current && current !== root && root.contains(current) && current.matches(FIELD)) return current
  const el = firstField(root)
  el?.focus()
  return el
}

/** For an el-dialog's `opened` event: focuses the first field of the topmost dialog on screen. */
export function focusTopDialog(): HTMLElement | null {
  const shown = Array.from(document.querySelectorAll<HTMLElement>('.el-overlay-dialog .el-dialog')).filter(
    (d) => isTestLayout() || d.offsetParent !== null,
  )
  return focusFirstField(shown[shown.length - 1])
}
