// Keyboard shortcuts of the navigation (issue 23): Alt+1 … Alt+6 open the six places in the order
// the menu lists them. Alt with a digit is bound neither by WebKitGTK nor by Element Plus (whose
// keys are arrows, Enter, Space, Esc and Tab), and typing never produces it.
import { NAV } from './router'

/** "Alt+N" for the menu entry at `index` (0-based): shown in its title. */
export function shortcutLabel(index: number): string {
  return `Alt+${index + 1}`
}

/** The path Alt+digit opens, or null when `e` is not one of the navigation shortcuts. The digit
 *  is read from `code` (the key's place), since Alt may change what `key` reports on some layouts. */
export function navShortcut(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'> & { key?: string }): string | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null
  // A synthesized key (as an automation tool sends it) may carry no code: the digit key then.
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code ?? '')?.[1] ?? (!e.code && /^[1-9]$/.test(e.key ?? '') ? e.key : undefined)
  if (!digit) return null
  return NAV[Number(digit) - 1]?.path ?? null
}
